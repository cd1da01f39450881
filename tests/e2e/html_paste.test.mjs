// End-to-end test of pasting rich text into the page (www/): the formatted view is
// sanitized HTML with highlights from the core's anchors, and a toggle shows the plain text.
// Needs `make wasm` first. Run: node --test tests/e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, watchedPage, pasteHtml as paste } from "../support/browser.mjs";

const TIMEOUT = { timeout: 120_000 };
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

const HOSTILE =
  '<h1>Talks</h1><p>Angela <b>Merkel</b> met Emmanuel Macron in Paris.</p>' +
  "<script>window.__pwned=1</script>" +
  '<img src=x onerror="window.__pwned=2">' +
  '<a href="javascript:window.__pwned=3">x</a> <a href="https://example.org/a" onclick="window.__pwned=4">more</a>' +
  '<iframe srcdoc="<script>parent.__pwned=5</script>"></iframe><style>body{display:none}</style>' +
  '<form><input value=1><button formaction="javascript:window.__pwned=6">go</button></form>' +
  '<p style="color:red" onmouseover="window.__pwned=7">Reuters reported from <i>Berlin</i>.</p>';

async function openPage(t) {
  const { page, problems } = await watchedPage(browser, t);
  await page.goto(`${server.url}/www/`);
  await page.waitForSelector("body[data-annotated=true]");
  return { page, problems };
}

/** The highlight ranges drawn per label in the formatted view, as text. */
function highlighted(page) {
  return page.evaluate(() => {
    const out = {};
    for (const l of ["PER", "ORG", "LOC", "MISC"]) {
      const h = CSS.highlights.get(`aa-m-${l}`);
      out[l] = h ? [...h].map((r) => r.toString()) : null;
    }
    return out;
  });
}

test("pasted rich text: sanitized formatted view, highlights from anchors, plain-text toggle", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  await paste(page, HOSTILE, "Talks\n\nAngela Merkel met Emmanuel Macron in Paris.\n\nx more go\n\nReuters reported from Berlin.");
  await page.waitForTimeout(300); // anything hostile would have run by now

  const view = await page.evaluate(() => {
    const v = document.getElementById("html-output");
    const all = [...v.querySelectorAll("*")];
    return {
      pwned: window.__pwned ?? null,
      bodyShown: getComputedStyle(document.body).display,
      tags: [...new Set(all.map((e) => e.localName))].sort(),
      attrs: [...new Set(all.flatMap((e) => [...e.attributes].map((a) => a.name)))].sort(),
      hrefs: all.filter((e) => e.hasAttribute("href")).length,
      linkTitles: [...v.querySelectorAll("a")].map((a) => a.title),
      text: v.querySelector(".html-body").textContent,
      box: document.getElementById("text").value,
      plainHidden: document.getElementById("output").hidden,
      toggle: document.getElementById("view-toggle").textContent,
    };
  });
  assert.equal(view.pwned, null, "nothing pasted ran");
  assert.notEqual(view.bodyShown, "none", "pasted styles do not apply");
  for (const bad of ["script", "img", "iframe", "style", "form", "input", "button"]) assert.ok(!view.tags.includes(bad), `no <${bad}> in the view: ${view.tags}`);
  assert.ok(view.tags.includes("h1") && view.tags.includes("b") && view.tags.includes("p"), `formatting kept: ${view.tags}`);
  for (const a of view.attrs) assert.ok(!/^on|^style$|^href$|^src$/.test(a), `attribute ${a} dropped`);
  assert.equal(view.hrefs, 0, "links are inert");
  assert.deepEqual(view.linkTitles, ["", "https://example.org/a"], "only a web address is shown, as a title");
  assert.match(view.text, /Angela Merkel met Emmanuel Macron in Paris\./);
  assert.match(view.box, /^Talks\n/, "the box holds the extracted text");
  assert.ok(view.plainHidden);
  assert.equal(view.toggle, "Formatted");

  // Highlights: each range reads exactly the mention text, including a name split across <b>.
  const h = await highlighted(page);
  assert.ok(h.PER.includes("Angela Merkel"), `PER highlights: ${JSON.stringify(h)}`);
  assert.ok(h.PER.includes("Emmanuel Macron"), `PER highlights: ${JSON.stringify(h)}`);
  assert.ok(h.LOC.includes("Paris"), `LOC highlights: ${JSON.stringify(h)}`);
  // Every drawn range equals the text of one mention listed in the entity panel.
  const names = await page.$$eval("#entities .item-name", (els) => els.map((e) => e.textContent));
  for (const l of Object.keys(h)) for (const s of h[l] ?? []) assert.ok(s.length > 0 && view.text.includes(s), `${l} range "${s}" is in the view`);
  assert.ok(names.includes("Angela Merkel"), `entities: ${names}`);

  // Legend toggle hides a label's highlight and brings it back.
  await page.click('#legend button[data-label="PER"]');
  assert.equal((await highlighted(page)).PER, null);
  await page.click('#legend button[data-label="PER"]');
  assert.ok((await highlighted(page)).PER.includes("Angela Merkel"));

  // Clicking an entity flashes its range in the formatted view.
  await page.click('#entities button.item:has-text("Angela Merkel")');
  const flash = await page.evaluate(() => [...(CSS.highlights.get("aa-flash") ?? [])].map((r) => r.toString()));
  assert.deepEqual(flash, ["Angela Merkel"]);

  // Mentions the model is unsure of carry one more highlight (a dashed underline).
  const unsureRanges = await page.evaluate(() => [...(CSS.highlights.get("aa-unsure") ?? [])].map((r) => r.toString()).sort());

  // Toggle to the plain text and back.
  await page.click("#view-toggle");
  const plain = await page.evaluate(() => ({
    formattedHidden: document.getElementById("html-output").hidden,
    plainHidden: document.getElementById("output").hidden,
    marks: [...document.querySelectorAll("#output mark.m")].map((m) => m.textContent),
    byLabel: Object.fromEntries(["PER", "ORG", "LOC", "MISC"].map((l) => [l, [...document.querySelectorAll(`#output mark.m[data-label=${l}]`)].map((m) => m.textContent).sort()])),
    toggle: document.getElementById("view-toggle").textContent,
    labelHighlight: CSS.highlights.has("aa-m-PER"),
    unsureHighlight: CSS.highlights.has("aa-unsure"),
    unsureMarks: [...document.querySelectorAll("#output mark.m.unsure")].map((m) => m.textContent).sort(),
  }));
  assert.ok(plain.formattedHidden && !plain.plainHidden);
  assert.ok(plain.marks.includes("Angela Merkel"), `plain marks: ${plain.marks}`);
  assert.equal(plain.toggle, "Plain text");
  assert.equal(plain.labelHighlight, false, "formatted highlights removed in plain view");
  // The formatted highlights read exactly the mention texts (the plain view's marks), label by label.
  for (const l of Object.keys(h)) assert.deepEqual([...(h[l] ?? [])].sort(), plain.byLabel[l], `${l}: formatted ranges equal the mention texts`);
  assert.deepEqual(unsureRanges, plain.unsureMarks, "the same mentions are marked unsure in both views");
  assert.equal(plain.unsureHighlight, false);
  await page.click("#view-toggle");
  assert.equal(await page.evaluate(() => document.getElementById("html-output").hidden), false);
  assert.ok((await highlighted(page)).PER.includes("Angela Merkel"));

  // Editing the box goes back to plain-text mode.
  await page.fill("#text", "Olaf Scholz spoke in Hamburg.");
  await page.waitForFunction(() => document.getElementById("output").textContent.includes("Olaf Scholz"));
  assert.equal(await page.evaluate(() => document.getElementById("view-toggle").hidden), true);
  assert.equal(await page.evaluate(() => document.getElementById("html-output").hidden), true);

  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  assert.deepEqual(problems, []);
});

test("a pasted whole page shows its metadata above the article", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  const html =
    '<!doctype html><html><head><title>Summit in Paris | News</title><meta property="og:title" content="Summit in Paris">' +
    '<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-05-01T10:00:00Z"></head>' +
    '<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Summit in Paris</h1>' +
    "<p>Angela Merkel met Emmanuel Macron in Paris on Tuesday to discuss the budget of the European Union.</p>" +
    "<p>“We agreed on the main points,” Macron told reporters after the meeting at the Elysee Palace.</p>" +
    "<p>The talks will continue in Berlin next month, officials said.</p></article><footer>© News</footer></body></html>";
  await paste(page, html, "Summit in Paris");
  const meta = await page.evaluate(() => ({
    title: document.querySelector("#html-output .article-title")?.textContent ?? null,
    byline: document.querySelector("#html-output .article-byline")?.textContent ?? null,
  }));
  assert.equal(meta.title, "Summit in Paris");
  assert.match(meta.byline ?? "", /Jane Doe/);
  const h = await highlighted(page);
  assert.ok(h.PER.includes("Angela Merkel"), JSON.stringify(h));
  assert.deepEqual(problems, []);
});

test("a <noscript> in the head does not shift the anchors (both parsers run without scripting)", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  // DOMParser closes the head at the <img> inside <noscript> and opens the body there;
  // the core parsed with scripting on, kept the <img> as text, and no anchor resolved.
  const html =
    '<html><head><title>T</title><noscript><img src="x.gif"></noscript></head>' +
    "<body><p>Angela Merkel visited Paris on Monday, officials said.</p></body></html>";
  await paste(page, html, "Angela Merkel");
  const h = await highlighted(page);
  assert.ok(h.PER?.includes("Angela Merkel"), JSON.stringify(h));
  assert.ok(h.LOC?.includes("Paris"), JSON.stringify(h));
  assert.deepEqual(problems, []);
});

test("a pasted selection is kept whole, share bars and footers included (only a whole page is reduced to its article)", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  const html =
    '<meta charset="utf-8"><p>Angela Merkel visited Paris on Monday.</p>' +
    '<div class="share">Boris Johnson went to Rome on Tuesday.</div><footer>Emmanuel Macron stayed in Lyon.</footer>';
  await paste(page, html, "Angela Merkel");
  await page.waitForFunction(() => document.getElementById("text").value.includes("Macron"));
  const h = await highlighted(page);
  assert.ok(h.PER?.includes("Boris Johnson"), JSON.stringify(h));
  assert.ok(h.PER?.includes("Emmanuel Macron"), JSON.stringify(h));
  assert.deepEqual(problems, []);
});
