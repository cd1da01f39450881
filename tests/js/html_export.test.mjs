// Node tests of annotateHtml() and export() in embed/annotator.js (sync and worker).
// Run: node --test tests/js/  (needs `make wasm`)
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { createAnnotator, createWorkerAnnotator } from "../../embed/annotator.js";

let annotator;
before(async () => {
  annotator = await createAnnotator();
});

const HTML =
  "<html><head><title>T</title><style>p{color:red}</style></head><body>" +
  "<p>Prime Minister Jacinda Ardern spoke in <b>Wellington</b> on Monday.</p>" +
  "<script>window.pwned = 'never annotated'</script>" +
  "<p>“We are ready,” she said. Zoë 😀 and 東京 too.</p><template>hidden template text</template></body></html>";

function checkSpans(doc) {
  const covers = (s) => assert.equal(doc.text.slice(s.start, s.end), s.text);
  for (const m of doc.mentions) covers(m);
  for (const q of doc.quotes) {
    covers(q);
    if (q.speaker) covers(q.speaker);
    if (q.cue) covers(q.cue);
  }
  for (const s of doc.sentences) assert.ok(0 <= s.start && s.start <= s.end && s.end <= doc.text.length);
}

test("annotateHtml: readable text only, spans slice the extracted text, anchors per sentence", () => {
  const doc = annotator.annotateHtml(HTML);
  assert.equal(doc.schema, 1);
  assert.equal(doc.offsets, "utf16");
  for (const want of ["Jacinda Ardern spoke in Wellington on Monday.", "“We are ready,” she said.", "😀", "東京"]) {
    assert.ok(doc.text.includes(want), `${JSON.stringify(want)} in ${JSON.stringify(doc.text)}`);
  }
  for (const banned of ["pwned", "color:red", "hidden template text"]) assert.ok(!doc.text.includes(banned), banned);
  checkSpans(doc);
  assert.equal(doc.sentenceAnchors.length, doc.sentences.length);
  for (const anchors of doc.sentenceAnchors) {
    for (const a of anchors) {
      assert.ok(Array.isArray(a.path) && a.path.length > 0);
      assert.ok(0 <= a.start && a.start <= a.end && a.end <= a.len);
    }
  }
  for (const m of doc.mentions) assert.ok(Array.isArray(m.anchors) && m.anchors.length > 0, `anchors of ${m.text}`);
  const cp = annotator.annotateHtml(HTML, { offsets: "codepoint" });
  assert.equal(cp.offsets, "codepoint");
  assert.throws(() => annotator.annotateHtml(HTML, { offsets: "bogus" }), TypeError);
  assert.throws(() => annotator.annotateHtml(HTML, { mode: "bogus" }), Error);
  assert.throws(() => annotator.annotateHtml(42), TypeError);
  assert.equal(annotator.annotateHtml("").text, "");
  checkSpans(annotator.annotateHtml("<p>unclosed <b>tags <i>and \u0000 junk &amp; &bogus; <<<>>>"));
});

test("annotateHtml over the HTML limit is a RangeError naming the limit, like annotate", () => {
  const limit = annotator.maxHtmlBytes;
  assert.ok(limit > 0);
  assert.throws(() => annotator.annotateHtml("a".repeat(limit + 1)), (e) => e instanceof RangeError && e.message.includes(String(limit)));
  // Multi-byte text is counted in UTF-8 bytes.
  assert.throws(() => annotator.annotateHtml("é".repeat(limit / 2 + 1)), RangeError);
});

test("export: null options are the defaults", () => {
  assert.equal(annotator.export("Angela Merkel spoke.", "csv-mentions", null), annotator.export("Angela Merkel spoke.", "csv-mentions"));
});

test("export: every listed format gives text; JSON export is the same document", () => {
  const text = "“We are ready,” said Jacinda Ardern in Wellington 😀.\n\nSecond paragraph, 東京.";
  const formats = annotator.exportFormats;
  assert.ok(formats.length >= 2);
  for (const f of formats) {
    assert.equal(typeof f.name, "string");
    assert.equal(typeof f.extension, "string");
    assert.equal(typeof f.mediaType, "string");
    const out = annotator.export(text, f.name);
    assert.equal(typeof out, "string");
    assert.ok(out.length > 0, f.name);
  }
  if (formats.some((f) => f.name === "json")) {
    assert.deepEqual(JSON.parse(annotator.export(text, "json")), annotator.annotate(text));
  }
  assert.throws(() => annotator.export(text, "no-such-format"), Error);
  assert.throws(() => annotator.export(text, "json", { offsets: "bogus" }), TypeError);
});

test("worker variant: annotateHtml and export match the synchronous results", async () => {
  const w = await createWorkerAnnotator();
  try {
    assert.deepEqual(w.exportFormats, annotator.exportFormats);
    assert.equal(w.maxHtmlBytes, annotator.maxHtmlBytes);
    assert.deepEqual(await w.annotateHtml(HTML), annotator.annotateHtml(HTML));
    assert.deepEqual(await w.annotateHtml(HTML, { mode: "article" }), annotator.annotateHtml(HTML, { mode: "article" }));
    const text = "Ardern spoke in Wellington.";
    assert.equal(await w.export(text, "csv-mentions"), annotator.export(text, "csv-mentions"));
    await assert.rejects(w.export(text, "no-such-format"), Error);
  } finally {
    w.terminate();
  }
});

test("export() takes a document as well as a text", async () => {
  const { createAnnotator } = await import("../../embed/annotator.js");
  const a = await createAnnotator();
  const text = "Angela Merkel met Emmanuel Macron in Paris. 😀 東京";
  const doc = a.annotate(text);
  assert.equal(a.export(doc, "displacy"), a.export(text, "displacy"));
  assert.throws(() => a.export(42, "json"), TypeError);
});
