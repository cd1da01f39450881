// End-to-end tests of the page (www/) in headless Debian Chromium via playwright-core.
// The test serves the repository itself on 127.0.0.1. Needs `make wasm` first.
// Run: node --test tests/e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { serve, launch, watchedPage } from "../support/browser.mjs";

const TIMEOUT = { timeout: 120_000 };
const LABELS = ["PER", "ORG", "LOC", "MISC"];
let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page with the sample annotated; records console errors, page errors, dialogs and requests. */
async function openPage(t, contextOptions = {}) {
  const { context, page, problems, requests } = await watchedPage(browser, t, { acceptDownloads: true, ...contextOptions });
  await page.goto(`${server.url}/www/`);
  await page.waitForSelector("body[data-annotated=true]");
  return { context, page, problems, requests };
}

/** The annotated document, as exported by the page's Download JSON button. */
async function downloadJson(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-download")]);
  assert.equal(download.suggestedFilename(), "annotations.json");
  return JSON.parse(await readFile(await download.path(), "utf8"));
}

/** Every span slices to its text; indices consistent. */
function checkSpans(doc) {
  assert.equal(doc.schema, 1);
  assert.equal(doc.offsets, "utf16");
  const covers = (s, what) => {
    assert.ok(0 <= s.start && s.start <= s.end && s.end <= doc.text.length, `${what} in bounds`);
    assert.equal(doc.text.slice(s.start, s.end), s.text, `${what}: text equals the slice`);
  };
  for (const s of doc.sentences) assert.ok(0 <= s.start && s.start <= s.end && s.end <= doc.text.length);
  doc.mentions.forEach((m, i) => {
    covers(m, `mention ${i}`);
    assert.ok(doc.entities[m.entity].mentions.includes(i));
  });
  for (const q of doc.quotes) {
    covers(q, "quote");
    if (q.speaker) covers(q.speaker, "quote speaker");
    if (q.cue) covers(q.cue, "quote cue");
  }
}

/** What the page shows: highlights, legend counts, panel entries, quote layer. */
function shown(page) {
  return page.evaluate(() => {
    const out = document.getElementById("output");
    const quoteLayer = CSS.highlights.get("aa-quote");
    return {
      text: out.textContent,
      marks: [...out.querySelectorAll("mark.m")].map((m) => ({
        text: m.textContent,
        label: m.dataset.label,
        mention: Number(m.dataset.mention),
        entity: Number(m.dataset.entity),
        unsure: m.classList.contains("unsure"),
        chip: getComputedStyle(m, "::after").content,
      })),
      legend: Object.fromEntries(
        [...document.querySelectorAll("#legend button.chip")].map((b) => [
          b.dataset.label,
          { count: Number(b.querySelector(".chip-count").textContent.replace(/,/g, "")), pressed: b.getAttribute("aria-pressed") },
        ]),
      ),
      entityButtons: [...document.querySelectorAll("#entities button.item")].map((b) => ({
        entity: Number(b.dataset.entity),
        count: b.querySelector(".badge").textContent,
        unsure: b.classList.contains("unsure"),
      })),
      legendNote: document.querySelector("#legend .legend-note")?.textContent ?? null,
      quoteButtons: document.querySelectorAll("#quotes button.item").length,
      quoteRanges: quoteLayer ? [...quoteLayer].map((r) => r.toString()) : null,
      stats: document.getElementById("stats").textContent,
    };
  });
}

test("loads, annotates the sample, and every highlight shows its own text", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  const sample = await readFile(new URL("../../www/sample/new-zealand.txt", import.meta.url), "utf8");
  assert.equal(await page.inputValue("#text"), sample);
  const doc = await downloadJson(page);
  checkSpans(doc);
  assert.equal(doc.text, sample);
  const view = await shown(page);

  // The rendered text is exactly the document text (labels are CSS-only, not text).
  assert.equal(view.text, doc.text);
  // One highlight per mention, showing exactly that mention's slice.
  assert.equal(view.marks.length, doc.mentions.length);
  for (const mk of view.marks) {
    const m = doc.mentions[mk.mention];
    assert.equal(mk.text, doc.text.slice(m.start, m.end));
    assert.equal(mk.label, m.label);
    assert.equal(mk.entity, m.entity);
    // A mention the model is unsure of (calibrated score under 0.5) says so: "PER?".
    assert.equal(mk.unsure, m.score < 0.5, `mention ${mk.mention} (score ${m.score})`);
    assert.equal(mk.chip, mk.unsure ? `"${m.label}?"` : `"${m.label}"`);
  }
  // The sample has both kinds (its low scorers are the wrong ones: "Māori" as a person);
  // the legend counts the unsure ones; an entity is dimmed when every mention is unsure.
  const unsure = view.marks.filter((m) => m.unsure).length;
  assert.ok(unsure > 0 && unsure < view.marks.length, `${unsure} unsure of ${view.marks.length}`);
  assert.match(view.legendNote, new RegExp(`\\b${unsure} unsure mentions?$`));
  // Legend counts = highlights per label; quotes chip = quotes.
  for (const l of LABELS) {
    assert.equal(view.legend[l].count, view.marks.filter((m) => m.label === l).length, `legend count ${l}`);
    assert.equal(view.legend[l].pressed, "true");
  }
  assert.equal(view.legend.QUOTE.count, doc.quotes.length);
  // Quotes are their own highlight layer, one range per quote, each covering the quote text.
  assert.deepEqual(view.quoteRanges, doc.quotes.map((q) => q.text));
  assert.equal(view.quoteButtons, doc.quotes.length);
  // The entity panel lists every entity with its mention count.
  assert.equal(view.entityButtons.length, doc.entities.length);
  for (const b of view.entityButtons) {
    const e = doc.entities[b.entity];
    assert.equal(b.count, `×${e.mentions.length}`);
    assert.equal(b.unsure, e.mentions.every((i) => doc.mentions[i].score < 0.5), e.name);
  }
  // Stats agree with the document.
  assert.match(view.stats, new RegExp(`\\b${doc.sentences.length} sentences`));
  assert.match(view.stats, new RegExp(`\\b${doc.mentions.length} mentions?\\b`));
  assert.ok(doc.sentences.length >= 25);
  assert.deepEqual(problems, []);
});

test("legend toggles hide and show a label and the quote layer, by mouse and keyboard", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  const doc = await downloadJson(page);
  // Prefer a label that has highlights (once the tagger lands), else PER.
  const counts = Object.fromEntries(LABELS.map((l) => [l, doc.mentions.filter((m) => m.label === l).length]));
  const label = LABELS.find((l) => counts[l] > 0) ?? "PER";
  const chip = `#legend button[data-label=${label}]`;
  const markBg = () =>
    page.evaluate((l) => [...document.querySelectorAll(`#output mark[data-label=${l}]`)].map((m) => getComputedStyle(m).backgroundColor), label);

  const before = await markBg();
  for (const bg of before) assert.notEqual(bg, "rgba(0, 0, 0, 0)");
  await page.click(chip);
  assert.equal(await page.getAttribute(chip, "aria-pressed"), "false");
  assert.ok(await page.$eval("#output", (o, l) => o.classList.contains(`hide-${l}`), label));
  for (const bg of await markBg()) assert.equal(bg, "rgba(0, 0, 0, 0)");
  // Other labels are untouched.
  for (const other of LABELS.filter((l) => l !== label)) {
    assert.equal(await page.getAttribute(`#legend button[data-label=${other}]`, "aria-pressed"), "true");
  }
  // Keyboard: focus the chip and press Enter to show the label again.
  await page.focus(chip);
  await page.keyboard.press("Enter");
  assert.equal(await page.getAttribute(chip, "aria-pressed"), "true");
  assert.deepEqual(await markBg(), before);

  // The quote layer toggles as a whole.
  await page.click("#legend button[data-label=QUOTE]");
  assert.equal(await page.evaluate(() => CSS.highlights.has("aa-quote")), false);
  await page.keyboard.press("Space");
  assert.equal(await page.evaluate(() => CSS.highlights.has("aa-quote")), true);
  assert.deepEqual(problems, []);
});

test("entity list: clicking an entity scrolls to and flashes its mentions", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  const doc = await downloadJson(page);
  if (doc.entities.length === 0) {
    assert.equal(await page.textContent("#entities"), "No names found in this text.");
    t.skip("this build finds no entities in the sample (no NER model yet)");
    return;
  }
  const e = [...doc.entities].sort((a, b) => b.mentions.length - a.mentions.length)[0];
  await page.click(`#entities button[data-entity="${e.id}"]`);
  const flashed = await page.$$eval("#output mark.flash", (ms) => ms.map((m) => Number(m.dataset.mention)));
  assert.deepEqual(flashed.sort((a, b) => a - b), e.mentions);
  // Scrolling may be animated: wait until the first mention is in the window.
  await page.waitForFunction((i) => {
    const r = document.querySelector(`#output mark[data-mention="${i}"]`).getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight;
  }, e.mentions[0]);
  assert.deepEqual(problems, []);
});

test("export: download and copy give the same JSON, and every span slices correctly", TIMEOUT, async (t) => {
  const { page, context, problems } = await openPage(t);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  // Annotate something with awkward characters first, so the export is not just the sample.
  const text = "“Ça va?” asked Zoë 👩🏽‍🚀 in Zürich. 東京で会議。\n\nThe U.S. Department of State said so on Jan. 3.";
  await page.fill("#text", text);
  await page.click("#annotate");
  await page.waitForFunction((t) => document.getElementById("output").textContent === t, text);
  const doc = await downloadJson(page);
  assert.equal(doc.text, text);
  checkSpans(doc);
  assert.ok(doc.sentences.length >= 3);
  await page.click("#export-copy");
  await page.waitForFunction(() => /Copied/.test(document.getElementById("status").textContent));
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.deepEqual(copied, doc);

  // The other export formats come from the core, for the same text.
  const formats = await page.$$eval("#export-format option", (os) => os.map((o) => o.value).filter(Boolean));
  for (const name of formats) {
    await page.selectOption("#export-format", name);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-download")]);
    assert.match(download.suggestedFilename(), /^annotations\.[a-z.]+$/);
    const body = await readFile(await download.path(), "utf8");
    assert.ok(body.length > 0, `${name} export is empty`);
    if (name === "csv-mentions") assert.equal(body.split(/\r?\n/).filter(Boolean).length, doc.mentions.length + 1, "header + one row per mention");
  }
  assert.deepEqual(problems, []);
});

test("pasted HTML and script are shown as text and never execute", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  const hostile = [
    `<script>window.__pwned = "script"; alert(1)</script>`,
    `<img src=x onerror="window.__pwned='img'; alert(2)">`,
    `<svg onload="window.__pwned='svg'"></svg><iframe src="javascript:parent.__pwned='iframe'"></iframe>`,
    `<a href="javascript:window.__pwned='link'">click</a> <b onmouseover="window.__pwned='b'">bold</b>`,
    `"><style>body{display:none}</style>{{constructor.constructor('window.__pwned=1')()}}`,
  ].join("\n\n");
  await page.fill("#text", "");
  await page.focus("#text");
  await page.keyboard.insertText(hostile); // as typed/pasted text: fires input → debounced annotation
  await page.waitForFunction((t) => document.getElementById("output").textContent === t, hostile);
  await page.click("#annotate");
  await page.waitForFunction((t) => document.getElementById("output").textContent === t, hostile);
  const result = await page.evaluate(() => ({
    pwned: window.__pwned,
    // Only the page's own elements: text blocks and mention marks.
    elements: [...document.getElementById("output").querySelectorAll("*")].map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
    hidden: getComputedStyle(document.body).display,
    scripts: document.scripts.length,
  }));
  assert.equal(result.pwned, undefined);
  assert.deepEqual([...new Set(result.elements)].filter((t) => t !== "div.chunk" && t !== "mark.m"), []);
  assert.equal(result.hidden, "block");
  // Hover everything, to be sure no handler exists.
  await page.hover("#output");
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // The export of hostile text is plain data too.
  const doc = await downloadJson(page);
  assert.equal(doc.text, hostile);
  checkSpans(doc);
  assert.deepEqual(problems, []);
});

test("annotates as you type (debounced, in the worker) and works offline", TIMEOUT, async (t) => {
  const { page, context, problems, requests } = await openPage(t);
  await context.setOffline(true);
  await page.fill("#text", "");
  await page.focus("#text");
  const typed = "Offline now. Typing goes on 😀 — 中文 too.";
  await page.keyboard.type(typed, { delay: 5 });
  await page.waitForFunction((t) => document.getElementById("output").textContent === t, typed);
  assert.match(await page.textContent("#stats"), /2 sentences/);
  // Ctrl+Enter annotates at once.
  await page.keyboard.type(" More.");
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction((t) => document.getElementById("output").textContent === t, `${typed} More.`);
  // Only the local server (and blob:/data: URLs) was ever contacted.
  const foreign = requests.filter((u) => !u.startsWith(`${server.url}/`) && !/^(blob|data):/.test(u));
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
});

test("errors are shown, not thrown: over-limit input names the limit and the page keeps working", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  await page.evaluate(() => {
    document.getElementById("live").checked = false;
    document.getElementById("text").value = "x".repeat(10 * 1024 * 1024 + 1);
  });
  await page.click("#annotate");
  await page.waitForFunction(() => document.getElementById("status").dataset.kind === "error");
  assert.match(await page.textContent("#status"), /limit of 10485760 bytes \(10 MB\)/);
  await page.fill("#text", "Back to normal.");
  await page.click("#annotate");
  await page.waitForFunction(() => document.getElementById("output").textContent === "Back to normal.");
  assert.deepEqual(problems, []);
});

test("readable at phone width (380 px): no horizontal scrolling, controls reachable", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t, { viewport: { width: 380, height: 800 }, isMobile: true, hasTouch: true });
  const layout = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
    controls: ["annotate", "export-download", "export-copy", "text", "output", "entities", "quotes"].map((id) => {
      const r = document.getElementById(id).getBoundingClientRect();
      return { id, left: r.left, right: r.right, width: r.width };
    }),
    fontSize: parseFloat(getComputedStyle(document.getElementById("output")).fontSize),
  }));
  assert.ok(layout.scrollWidth <= layout.width, `page is ${layout.scrollWidth}px wide at ${layout.width}px`);
  for (const c of layout.controls) {
    assert.ok(c.left >= 0 && c.right <= layout.width && c.width > 0, `${c.id} fits: ${JSON.stringify(c)}`);
  }
  assert.ok(layout.fontSize >= 14);
  await page.tap("#annotate");
  await page.waitForFunction(() => /Annotated/.test(document.getElementById("status").textContent));
  assert.deepEqual(problems, []);
});

test("a 2 MB article is annotated and drawn completely, and the page stays usable", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  const article = await readFile(new URL("../../benches/corpus/new-zealand.txt", import.meta.url), "utf8");
  const big = article.repeat(Math.ceil(2_000_000 / article.length));
  await page.evaluate((text) => {
    const ta = document.getElementById("text");
    ta.value = text;
    ta.dispatchEvent(new Event("input"));
  }, big);
  await page.waitForFunction((n) => document.getElementById("output").textContent.length === n, big.length, { timeout: 90_000 });
  const view = await page.evaluate(() => ({
    text: document.getElementById("output").textContent,
    blocks: document.querySelectorAll("#output .chunk").length,
    marks: document.querySelectorAll("#output mark.m").length,
    legend: [...document.querySelectorAll("#legend .chip-count")].slice(0, 4).reduce((n, c) => n + Number(c.textContent.replace(/,/g, "")), 0),
  }));
  assert.equal(view.text, big);
  assert.ok(view.blocks > 100, `${view.blocks} blocks`);
  assert.equal(view.legend, view.marks);
  // Still responsive: a small edit after the big one is annotated.
  await page.fill("#text", "Small again.");
  await page.click("#annotate");
  await page.waitForFunction(() => document.getElementById("output").textContent === "Small again.");
  assert.deepEqual(problems, []);
});

test("quote list: clicking a quote brings it into view (when the build finds quotes)", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  const doc = await downloadJson(page);
  if (doc.quotes.length === 0) {
    assert.equal(await page.textContent("#quotes"), "No quotes found in this text.");
    t.skip("this build finds no quotes in the sample (quote detection not merged yet)");
    return;
  }
  const last = doc.quotes.length - 1;
  await page.click(`#quotes button[data-quote="${last}"]`);
  assert.ok(await page.evaluate(() => CSS.highlights.has("aa-flash")), "the quote flashes");
  // Scrolling may be animated: wait until the quote is in the window.
  await page.waitForFunction((i) => {
    const r = [...CSS.highlights.get("aa-quote")][i].getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight;
  }, last);
  assert.deepEqual(problems, []);
});

test("quotes by speaker: an unresolved pronoun is shown as not identified, not as a name", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  const text = "“We will win,” he said.";
  await page.fill("#text", text);
  await page.click("#annotate");
  await page.waitForFunction((t) => document.getElementById("output").textContent === t, text);
  const names = await page.evaluate(() => [...document.querySelectorAll("#quotes .speaker-name")].map((n) => n.textContent));
  assert.deepEqual(names, ["he (not identified)"]);
  assert.deepEqual(problems, []);
});

test("quotes by speaker: a partial quote inside reported speech is listed but counted once", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  const text = "Macron told reporters that Paris was “ready” for the talks.\n\n“We will win,” Macron said.";
  await page.fill("#text", text);
  await page.click("#annotate");
  await page.waitForFunction((t) => document.getElementById("output").textContent === t, text);
  const groups = await page.evaluate(() =>
    [...document.querySelectorAll("#quotes details.speaker")].map((d) => ({
      name: d.querySelector(".speaker-name").textContent,
      meta: d.querySelector(".meta").textContent,
      items: d.querySelectorAll("button.item").length,
    })),
  );
  // Three entries (indirect, the partial inside it, the direct quote), two quotes of 6 + 3 words;
  // the count says one more is listed inside them, and that entry is indented.
  assert.deepEqual(groups, [{ name: "Macron", meta: "2 quotes, 9 words (+1 inside them)", items: 3 }]);
  assert.equal(await page.locator("#quotes li.nested").count(), 1);
  assert.deepEqual(problems, []);
});

test("an empty box exports nothing, and the sample's credit leaves with the sample", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  assert.notEqual(await page.locator("#sample-credit").textContent(), "");
  await page.fill("#text", "Angela Merkel spoke in Berlin.");
  await page.click("#annotate");
  await page.waitForFunction(() => document.getElementById("output").textContent === "Angela Merkel spoke in Berlin.");
  assert.equal(await page.locator("#sample-credit").textContent(), "");
  assert.equal(await page.locator("#export-download").isDisabled(), false);
  await page.click("#clear");
  await page.waitForFunction(() => document.getElementById("export-download").disabled);
  assert.equal(await page.locator("#export-copy").isDisabled(), true);
  await page.click("#load-sample");
  await page.waitForFunction(() => document.getElementById("sample-credit").textContent !== "");
  assert.deepEqual(problems, []);
});
