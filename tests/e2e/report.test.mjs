// The HTML report export (issue 7) opened in headless Chromium: highlights are
// where the document says, and hostile input produces no script and runs nothing.
// The report is generated live by the JS API from the real pipeline.
// Run: node --test tests/e2e/   (needs `make wasm` first)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { launch, watchedPage } from "../support/browser.mjs";
import { createAnnotator } from "../../embed/annotator.js";

const TIMEOUT = { timeout: 120_000 };
let browser;
let annotator;

before(async () => {
  browser = await launch();
  annotator = await createAnnotator();
});
after(async () => {
  await browser?.close();
});

/** Opens `html` as a page. */
/** Requests other than the blank page `setContent` starts from: the report fetching something. */
const fetched = (requests) => requests.filter((u) => u !== "about:blank");

async function open(t, html) {
  const { page, problems, requests } = await watchedPage(browser, t);
  await page.setContent(html, { waitUntil: "load" });
  return { page, problems, requests };
}

test("report highlights every mention at its code-point offsets", TIMEOUT, async (t) => {
  const text = await readFile(new URL("../fixtures/export/unicode_news.txt", import.meta.url), "utf8");
  const doc = annotator.annotate(text, { offsets: "codepoint" });
  assert.ok(doc.mentions.length > 0, "the fixture has names");
  const html = annotator.export(text, "html", { title: "Report test" });
  const { page, problems, requests } = await open(t, html);
  const marks = await page.$$eval("mark[data-start]", (els) =>
    els.map((e) => ({ start: +e.dataset.start, end: +e.dataset.end, text: e.textContent })),
  );
  const cps = Array.from(doc.text);
  for (const m of marks) {
    const slice = cps.slice(m.start, m.end).join("");
    assert.equal(m.text, slice, `mark at ${m.start}..${m.end} shows exactly its slice`);
  }
  const markSpans = new Set(marks.map((m) => `${m.start}:${m.end}`));
  for (const m of doc.mentions) assert.ok(markSpans.has(`${m.start}:${m.end}`), `mention ${m.text} is highlighted`);
  assert.equal(await page.title(), "Report test");
  assert.deepEqual(problems, []);
  assert.deepEqual(fetched(requests), [], "a self-contained report makes no requests");
});

test("hostile input: no script element, no handler, nothing runs", TIMEOUT, async (t) => {
  const text = await readFile(new URL("../fixtures/export/hostile.txt", import.meta.url), "utf8");
  const html = annotator.export(text, "html", { title: '</title><script>alert("t")</script>' });
  assert.ok(!/<script/i.test(html), "no <script in the report source");
  const { page, problems, requests } = await open(t, html);
  const found = await page.evaluate(() => ({
    scripts: document.querySelectorAll("script").length,
    handlers: [...document.querySelectorAll("*")].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith("on")),
    jsLinks: [...document.querySelectorAll("a[href]")].filter((a) => /^\s*javascript:/i.test(a.getAttribute("href"))).length,
    imgs: document.querySelectorAll("img").length,
  }));
  assert.deepEqual(found, { scripts: 0, handlers: [], jsLinks: 0, imgs: 0 });
  assert.ok((await page.textContent("body")).includes('<script>alert("x")</script>'), "the input is shown as text");
  assert.deepEqual(problems, [], "no dialog, no error");
  assert.deepEqual(fetched(requests), []);
});
