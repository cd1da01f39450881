// Node tests of embed/annotator.js against the release wasm in pkg/ (`make wasm`).
// Run: node --test tests/js/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createAnnotator, createWorkerAnnotator } from "../../embed/annotator.js";
import { Annotator as WasmAnnotator } from "../../pkg/article_annotator.js";

const LIMIT = 10 * 1024 * 1024;
let annotator;

before(async () => {
  annotator = await createAnnotator();
});

/** Every span of a document covers exactly its `text`, in UTF-16 units; lists sorted; indices valid. */
function checkDocument(doc, input) {
  assert.equal(doc.schema, 1);
  assert.equal(doc.offsets, "utf16");
  assert.equal(doc.text.length, input.length, "text keeps the input's UTF-16 length");
  const inBounds = (s, what) => {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: integer offsets`);
    assert.ok(0 <= s.start && s.start <= s.end && s.end <= doc.text.length, `${what}: ${s.start}..${s.end} in bounds`);
  };
  const covers = (s, what) => {
    inBounds(s, what);
    assert.equal(doc.text.slice(s.start, s.end), s.text, `${what}: text equals the slice`);
  };
  let prev = 0;
  for (const s of doc.sentences) {
    inBounds(s, "sentence");
    assert.ok(s.start >= prev, "sentences sorted and disjoint");
    assert.notEqual(doc.text.slice(s.start, s.end).trim(), "", "sentence has content");
    prev = s.end;
  }
  doc.mentions.forEach((m, i) => {
    covers(m, `mention ${i}`);
    assert.ok(["PER", "ORG", "LOC", "MISC"].includes(m.label));
    assert.ok(m.score >= 0 && m.score <= 1);
    assert.ok(doc.entities[m.entity].mentions.includes(i), "mention listed by its entity");
  });
  doc.entities.forEach((e, i) => {
    assert.equal(e.id, i);
    for (const mi of e.mentions) assert.equal(doc.mentions[mi].entity, i);
    assert.ok(e.place === null || typeof e.place === "object");
  });
  for (const q of doc.quotes) {
    covers(q, "quote");
    if (q.speaker) covers(q.speaker, "speaker");
    if (q.cue) covers(q.cue, "cue");
    assert.ok(q.entity === null || doc.entities[q.entity]);
  }
}

/** Sentences as strings, trimmed. */
const sentences = (doc) => doc.sentences.map((s) => doc.text.slice(s.start, s.end).trim());

test("slices are exact with emoji, CJK, curly quotes and combining marks", () => {
  const text =
    "“We won’t stop,” said Dr. Amélie Poulain 👩🏽‍🚀 in Zürich on Jan. 3.\n\n" +
    "東京で会議が開かれた。 Then e\u0301 and n\u0303 combined 🇳🇿 flags — and ‘single’ quotes.\r\n\r\n" +
    "مرحبا بالعالم. Final line without punctuation";
  const doc = annotator.annotate(text);
  checkDocument(doc, text);
  assert.equal(doc.text, text);
  const got = sentences(doc);
  assert.ok(got.includes("Then e\u0301 and n\u0303 combined 🇳🇿 flags — and ‘single’ quotes."), JSON.stringify(got));
  assert.ok(got.some((s) => s.startsWith("“We won’t stop,”") && s.includes("👩🏽‍🚀")), JSON.stringify(got));
  assert.ok(got.includes("Final line without punctuation"), JSON.stringify(got));
  // No sentence crosses a paragraph break.
  for (const s of got) assert.ok(!/\n\s*\n/.test(s), JSON.stringify(s));
});

test("annotate() fills in the texts the wasm leaves null: the document annotateJson gives, key order included", async () => {
  // The wasm module is the one createAnnotator() initialised.
  const raw = new WasmAnnotator();
  const sample = await readFile(new URL("../../www/sample/new-zealand.txt", import.meta.url), "utf8");
  const texts = [
    "“We won’t stop,” said Dr. Amélie Poulain 👩🏽‍🚀 in Zürich on Jan. 3. “Nor will we,” she added.\n\n" +
      "東京で会議が開かれた。 Ms. Ardern told reporters in Wellington that 🇳🇿 “things are ‘fine’”, according to Reuters.",
    sample,
    "",
    "Broken \uD83D here said Jane Smith", // lone surrogate: the whole-JSON path
  ];
  for (const text of texts) {
    const json = raw.annotateJson(text, "utf16");
    assert.equal(JSON.stringify(annotator.annotate(text)), JSON.stringify(JSON.parse(json)), text.slice(0, 40));
  }
  const doc = annotator.annotate(texts[0]);
  assert.ok(doc.quotes.some((q) => q.speaker && q.cue), "the fixture has quotes with speakers and cues");
  raw.free();
});

test("offsets in other units index the same characters", () => {
  const text = "Zoë met 王小明 in 🇳🇿 Wellington. She said “yes”.";
  const u16 = annotator.annotate(text);
  const cp = annotator.annotate(text, { offsets: "codepoint" });
  const u8 = annotator.annotate(text, { offsets: "utf8" });
  assert.equal(cp.offsets, "codepoint");
  assert.equal(u8.offsets, "utf8");
  const chars = [...text];
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  assert.equal(cp.sentences.length, u16.sentences.length);
  u16.sentences.forEach((s, i) => {
    const want = text.slice(s.start, s.end);
    assert.equal(chars.slice(cp.sentences[i].start, cp.sentences[i].end).join(""), want);
    assert.equal(dec.decode(bytes.slice(u8.sentences[i].start, u8.sentences[i].end)), want);
  });
  assert.throws(() => annotator.annotate(text, { offsets: "chars" }), { name: "TypeError", message: /utf16/ });
});

test("lone surrogates from JS: same length, replaced by U+FFFD, offsets still line up", () => {
  const text = "Broken \uD83D here. And \uDC00 there 😀 too. End\uD800";
  const doc = annotator.annotate(text);
  checkDocument(doc, text);
  assert.equal(doc.text, text.toWellFormed());
  assert.equal(doc.text, "Broken \uFFFD here. And \uFFFD there 😀 too. End\uFFFD");
  for (const s of doc.sentences) {
    // The same offsets slice the original input at the same places.
    assert.equal(text.slice(s.start, s.end).length, doc.text.slice(s.start, s.end).length);
  }
  assert.ok(sentences(doc).some((s) => s.includes("😀")));
});

test("empty, whitespace-only and junk input give documents", () => {
  for (const text of ["", " ", "\n\n\t  \r\n", "\u00a0\u2003", "\0\x01\x02\x7f", "\uFEFF"]) {
    const doc = annotator.annotate(text);
    checkDocument(doc, text);
    assert.deepEqual(doc.mentions, []);
  }
  assert.deepEqual(annotator.annotate("").sentences, []);
  assert.deepEqual(annotator.annotate(" \n\n \t").sentences, []);
  // Random binary junk decoded as Latin-1 and as UTF-16 code units (includes lone surrogates).
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let round = 0; round < 20; round++) {
    let junk = "";
    for (let i = 0; i < 2000; i++) junk += String.fromCharCode(Math.floor(rand() * (round % 2 ? 0x10000 : 0x100)));
    checkDocument(annotator.annotate(junk), junk);
  }
  // Unpaired quotes of every kind.
  const quotes = "He said “yes and ‘no. \"Open. «Never. 'Twas.” ” ’ \" »";
  checkDocument(annotator.annotate(quotes), quotes);
});

test("a 100,000-character line annotates", () => {
  const line = "Lorem ipsum dolor sit amet 😀 東京 ".repeat(3500).slice(0, 100_000);
  assert.equal(line.length, 100_000);
  const doc = annotator.annotate(line);
  checkDocument(doc, line);
  const noSpace = "a".repeat(100_000);
  checkDocument(annotator.annotate(noSpace), noSpace);
});

test("input over 10 MB is an Error naming the limit; at the limit it annotates", () => {
  assert.equal(annotator.maxTextBytes, LIMIT);
  const over = "a".repeat(LIMIT + 1);
  assert.throws(() => annotator.annotate(over), (e) => e instanceof Error && e.message.includes(String(LIMIT)) && /10 MB/.test(e.message));
  // Multi-byte text: under the limit in UTF-16 units, over it in UTF-8 bytes.
  const wide = "é".repeat(LIMIT / 2 + 1);
  assert.throws(() => annotator.annotate(wide), { message: new RegExp(`${LIMIT + 2} bytes.*limit of ${LIMIT} bytes`) });
  const atLimit = "word ".repeat(LIMIT / 5);
  const doc = annotator.annotate(atLimit);
  assert.equal(doc.text.length, LIMIT);
  // The annotator stays usable after errors.
  checkDocument(annotator.annotate("Still working."), "Still working.");
});

test("non-strings are a TypeError, not a crash", () => {
  for (const bad of [undefined, null, 42, {}, ["a"]]) {
    assert.throws(() => annotator.annotate(bad), TypeError);
  }
});

test("the real sample article annotates with consistent spans", async () => {
  const text = await readFile(new URL("../../www/sample/new-zealand.txt", import.meta.url), "utf8");
  const doc = annotator.annotate(text);
  checkDocument(doc, text);
  assert.ok(doc.sentences.length >= 25, `${doc.sentences.length} sentences`);
  assert.ok(sentences(doc).includes("In 1645, Dutch cartographers renamed the land Nova Zeelandia after the Dutch province of Zeeland."));
});

test("version and disposal", async () => {
  const a = await createAnnotator();
  assert.match(a.version, /^\d+\.\d+\.\d+ \(schema 1\)$/);
  a.dispose();
  assert.throws(() => a.annotate("x"), /disposed/);
});

test("worker variant: same results, asynchronous, same errors", async () => {
  const w = await createWorkerAnnotator();
  try {
    assert.equal(w.maxTextBytes, LIMIT);
    assert.equal(w.version, annotator.version);
    const text = "“Kia ora,” said the mayor of Wellington 🇳🇿. 東京 too.\n\nNext paragraph.";
    const pending = w.annotate(text);
    assert.ok(pending instanceof Promise);
    const doc = await pending;
    assert.deepEqual(doc, annotator.annotate(text));
    checkDocument(doc, text);
    // Answers come back in request order, each for its own text.
    const texts = ["One. Two.", "", "Three 😀.", "x".repeat(50_000)];
    const docs = await Promise.all(texts.map((t) => w.annotate(t)));
    docs.forEach((d, i) => assert.equal(d.text, texts[i]));
    const cp = await w.annotate("😀 Hi.", { offsets: "codepoint" });
    assert.equal(cp.offsets, "codepoint");
    await assert.rejects(w.annotate("a".repeat(LIMIT + 1)), (e) => e instanceof Error && e.message.includes(String(LIMIT)));
    await assert.rejects(w.annotate(7), TypeError);
    await assert.rejects(w.annotate("x", { offsets: "bogus" }), TypeError);
    // Still usable after errors.
    assert.equal((await w.annotate("Fine.")).sentences.length, 1);
  } finally {
    w.terminate();
  }
  await assert.rejects(w.annotate("after terminate"), /terminated/);
});

test("the wasm option takes a path, a file: URL (object or string) or bytes in Node (each in a fresh worker realm)", async () => {
  const { fileURLToPath } = await import("node:url");
  const url = new URL("../../pkg/article_annotator_bg.wasm", import.meta.url);
  const bytes = await readFile(url);
  for (const wasm of [fileURLToPath(url), url, url.href, bytes]) {
    const w = await createWorkerAnnotator({ wasm });
    try {
      const doc = await w.annotate("Angela Merkel met Emmanuel Macron in Paris.");
      assert.ok(doc.mentions.length >= 2, `${typeof wasm}: ${JSON.stringify(doc.mentions)}`);
    } finally {
      w.terminate?.();
      w.dispose?.();
    }
  }
});

test("createAnnotator itself takes a file: URL object (a fresh Node process)", async () => {
  const { execFileSync } = await import("node:child_process");
  const api = new URL("../../embed/annotator.js", import.meta.url).href;
  const wasm = new URL("../../pkg/article_annotator_bg.wasm", import.meta.url).href;
  const code =
    `const { createAnnotator } = await import(${JSON.stringify(api)});` +
    `const a = await createAnnotator({ wasm: new URL(${JSON.stringify(wasm)}) });` +
    `process.stdout.write(String(a.annotate("Angela Merkel met Emmanuel Macron in Paris.").mentions.length));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
  assert.ok(Number(out) >= 2, out);
});
