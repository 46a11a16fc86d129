"""Chinese, Japanese and Korean names in native script. Pure functions.

In native script the family name comes first and nothing separates it from the
given name (王小明, 山田太郎, 김려실). These names are never recased or given
initials. When a source has swapped the parts of a Chinese name (a common
one-character surname sent as the given name), they are swapped back.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from coprodcite.names.text import word_set

#: the most common Chinese surnames (one character), for spotting swapped parts
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤張劉陳楊黃趙吳孫馬鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸範賈韋鄒熊龔萬錢嚴湯"
)
#: Korean surnames of two syllables (all others have one)
KOREAN_TWO_SYLLABLE = word_set("남궁 선우 제갈 황보 독고 사공 서문 동방")


def _script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    for script in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL"):
        if name.startswith(script):
            return script
    return None


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def is_cjk(text: str | None) -> bool:
    """True when every letter of ``text`` is Han, kana or Hangul."""
    letters = [ch for ch in text or "" if ch.isalpha()]
    if not letters or min(letters) < _FIRST_CJK:  # a Latin letter, say: the quick no
        return False
    return all(_script(ch) for ch in letters)


#: below U+1100 (Hangul Jamo) no letter is Han, kana or Hangul
_FIRST_CJK = "\u1100"


def fix_order(given: str | None, family: str | None) -> tuple[str | None, str | None]:
    """(given, family) with the parts of a native-script Chinese name the right way
    round: given "王", family "小明" -> given "小明", family "王"."""
    if not (given and family and is_cjk(given) and is_cjk(family)):
        return given, family
    if len(given) == 1 and given in COMMON_SURNAMES and family[0] not in COMMON_SURNAMES:
        return family, given
    return given, family


def display(given: str | None, family: str | None) -> str:
    """Family then given with no space or comma: 王小明."""
    return f"{family or ''}{given or ''}"
