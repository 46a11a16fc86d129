// Render CSL-JSON items with citeproc-js, for bench/engine_diff_js.py (a development
// tool: never a runtime dependency of coprodcite).
//
// Reads one JSON request on stdin:
//   {"locales": "<dir of locales-xx-XX.xml>", "format": "text",
//    "items": [CSL-JSON...],
//    "styles": [{"name": "...", "xml": "<style...>", "lang": "en-US" | null}]}
// and writes one JSON answer on stdout:
//   {"<style name>": {"entries": {id: text}, "cites": {id: text}, "errors": {id: msg}}}
// Entries: each item alone (a fresh registry per item). Citations: every item cited
// once, one cluster per item, in one document (so disambiguation sees all of them).
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

function readStdin() {
  return fs.readFileSync(0, "utf8");
}

function engineFor(style, items, locales, format) {
  const byId = new Map(items.map((item) => [String(item.id), item]));
  const sys = {
    retrieveLocale(lang) {
      const file = path.join(locales, `locales-${lang}.xml`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
    retrieveItem(id) {
      return byId.get(String(id));
    },
  };
  const engine = new CSL.Engine(sys, style.xml, style.lang || undefined, true);
  engine.setOutputFormat(format);
  return engine;
}

function entries(style, items, locales, format, errors) {
  const out = {};
  const engine = engineFor(style, items, locales, format);
  for (const item of items) {
    const id = String(item.id);
    try {
      engine.updateItems([id]);
      const bib = engine.makeBibliography();
      out[id] = bib ? bib[1].join("") : "";
    } catch (err) {
      errors[id] = String(err && err.message ? err.message : err);
    }
  }
  return out;
}

function cites(style, items, locales, format, errors) {
  const out = {};
  const engine = engineFor(style, items, locales, format);
  const citations = items.map((item, n) => ({
    citationID: `C${n}`,
    citationItems: [{ id: String(item.id) }],
    properties: { noteIndex: n + 1 },
  }));
  try {
    const result = engine.rebuildProcessorState(citations, format, []);
    for (const [citationID, , text] of result) {
      out[String(items[Number(citationID.slice(1))].id)] = text;
    }
  } catch (err) {
    errors["*cites*"] = String(err && err.message ? err.message : err);
  }
  return out;
}

function main() {
  const request = JSON.parse(readStdin());
  const format = request.format || "text";
  const answer = {};
  for (const style of request.styles) {
    const errors = {};
    answer[style.name] = {
      entries: entries(style, request.items, request.locales, format, errors),
      cites: cites(style, request.items, request.locales, format, errors),
      errors,
    };
  }
  process.stdout.write(JSON.stringify(answer));
}

main();
