"""Full credit: a CSL style transform that lists every contributor.

Styles shorten long author lists to "et al." with the ``et-al-*`` attributes
(on ``<style>``, ``<citation>`` and ``<bibliography>``, where ``<name>`` inherits
them, or on ``<name>`` itself). A co-produced work written by twenty people loses
nineteen of them that way. :func:`full_credit_style` removes those attributes, so
every name is listed; everything else in the style is left as it was. The user asks
for it (``--full-credit``); it is never done behind their back.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from coprodcite.errors import StyleError

#: The attributes that truncate name lists (CSL 1.0.2, "Name" and "Inheritable Name Options").
ET_AL_ATTRIBUTES = (
    "et-al-min",
    "et-al-use-first",
    "et-al-subsequent-min",
    "et-al-subsequent-use-first",
    "et-al-use-last",
    "names-min",
    "names-use-first",
    "names-use-last",
)


def full_credit_style(xml: str) -> str:
    """``xml`` (an independent CSL style) with every et-al rule removed."""
    try:
        root = ET.fromstring(xml.encode("utf-8"))
    except ET.ParseError as exc:
        raise StyleError(f"cannot read the style as XML: {exc}") from exc
    for element in root.iter():
        for attribute in ET_AL_ATTRIBUTES:
            element.attrib.pop(attribute, None)
    # The namespace comes out with a generated prefix (ns0:style): the same XML to a
    # parser, and no global ElementTree.register_namespace to set.
    return ET.tostring(root, encoding="unicode")
