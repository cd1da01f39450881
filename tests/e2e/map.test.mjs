// End-to-end tests of the map panel (www/map.js) in headless Chromium. Needs `make wasm` first.
// Run: node --test tests/e2e/
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

async function openPage(t, contextOptions = {}) {
  const { page, problems, requests } = await watchedPage(browser, t, contextOptions);
  await page.goto(`${server.url}/www/`);
  await page.waitForSelector("body[data-annotated=true]");
  await page.waitForSelector("#map-card:not([hidden]) .marker");
  return { page, problems, requests };
}

/** Entities with a place, as the page's own document holds them (via the exported JSON text). */
async function placeEntities(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-download")]);
  const { readFile } = await import("node:fs/promises");
  const doc = JSON.parse(await readFile(await download.path(), "utf8"));
  return { doc, places: doc.entities.map((e, i) => ({ e, i })).filter((x) => x.e.place) };
}

test("the sample gets one marker per place entity, with name and count", TIMEOUT, async (t) => {
  const { page, problems, requests } = await openPage(t, { acceptDownloads: true });
  const { places } = await placeEntities(page);
  assert.ok(places.length >= 3, `sample has places (${places.length})`);
  assert.equal(await page.locator("#map-card .marker").count(), places.length);
  assert.equal(await page.locator("#map-card svg .land path").count() > 100, true, "country shapes drawn");
  for (const { e, i } of places) {
    const n = e.mentions.length;
    const title = await page.locator(`#map-card .marker[data-entity="${i}"] title`).textContent();
    assert.equal(title, `${e.name}: ${n} ${n === 1 ? "mention" : "mentions"}`);
  }
  // Hover shows the tooltip.
  const { e, i } = places[0];
  await page.locator(`#map-card .marker[data-entity="${i}"]`).dispatchEvent("pointerenter");
  assert.equal(await page.locator(".map-tip").isVisible(), true);
  assert.match(await page.locator(".map-tip").textContent(), new RegExp(`^${e.name}: `));
  await assert.doesNotReject(page.getByText("Contains data from GeoNames", { exact: false }).first().waitFor());
  const foot = await page.locator("footer").textContent();
  assert.match(foot.replace(/\s+/g, " "), /Contains data from GeoNames \(www\.geonames\.org\), CC BY 4\.0/);
  assert.deepEqual(problems, []);
  const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith("blob:") && !u.startsWith("data:"));
  assert.deepEqual(foreign, [], "no requests beyond 127.0.0.1");
  assert.ok(requests.every((u) => !/^https?:/.test(u) || new URL(u).hostname === "127.0.0.1"));
});

test("clicking a marker flashes its mentions; clicking a mention marks its marker", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t, { acceptDownloads: true });
  const { places } = await placeEntities(page);
  const { e, i } = places.find((x) => x.e.mentions.length > 1) ?? places[0];
  await page.locator(`#map-card .marker[data-entity="${i}"]`).dispatchEvent("click"); // markers may overlap
  const flashed = await page.$$eval("#output mark.flash", (ms) => ms.map((m) => Number(m.dataset.mention)));
  assert.deepEqual(flashed.sort((a, b) => a - b), [...e.mentions].sort((a, b) => a - b));
  assert.equal(await page.locator(`#map-card .marker[data-entity="${i}"]`).getAttribute("class"), "marker selected pulse");

  // Keyboard: focus another marker, Enter activates it.
  const other = places.find((x) => x.i !== i);
  await page.locator(`#map-card .marker[data-entity="${other.i}"]`).focus();
  assert.equal(await page.locator(".map-tip").isVisible(), true);
  await page.keyboard.press("Enter");
  assert.match(await page.locator(`#map-card .marker[data-entity="${other.i}"]`).getAttribute("class"), /selected/);
  assert.equal(await page.locator("#map-card .marker.selected").count(), 1);

  // A mention in the text marks its marker.
  await page.locator(`#output mark.m[data-entity="${i}"]`).first().click();
  assert.match(await page.locator(`#map-card .marker[data-entity="${i}"]`).getAttribute("class"), /selected/);
  assert.equal(await page.locator("#map-card .marker.selected").count(), 1);
  assert.deepEqual(problems, []);
});

test("no places: the map is hidden", TIMEOUT, async (t) => {
  const { page } = await openPage(t);
  await page.fill("#text", "Nothing here but lower case words.");
  await page.click("#annotate");
  await page.waitForFunction(() => document.getElementById("map-card").hidden);
});

test("phone width: map fits, no horizontal overflow", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t, { viewport: { width: 380, height: 800 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  const box = await page.locator("#map-card svg.world").boundingBox();
  assert.ok(box.width > 250 && box.x >= 0 && box.x + box.width <= 380, `map box ${JSON.stringify(box)}`);
  assert.deepEqual(problems, []);
});

test("keyboard: Enter on a marker keeps the focus on it", TIMEOUT, async (t) => {
  const { page } = await openPage(t);
  const first = page.locator("#map-card .marker").first();
  await first.focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("marker")), true);
  assert.equal(await page.locator("#map-card .selection circle").count(), 1);
});

/** The viewport box of the first LOC highlight range reading `text` in the formatted view. */
function highlightBox(page, text) {
  return page.evaluate((text) => {
    const r = [...(CSS.highlights.get("aa-m-LOC") ?? [])].find((x) => x.toString() === text);
    if (!r) return null;
    r.startContainer.parentElement.scrollIntoView({ block: "center" });
    const b = r.getClientRects()[0];
    return { x: b.left, y: b.top, width: b.width, height: b.height };
  }, text);
}

test("formatted view: clicking a mention (hit-tested on the highlights) marks its marker; Enter at a caret too", TIMEOUT, async (t) => {
  const { page, problems } = await openPage(t);
  const html =
    "<h1>Talks</h1><p>Officials met in <b>Lisbon</b> on Monday before flying to <i>Warsaw</i>.</p>" +
    "<p>The next round will be held in Lisbon again, a spokesman said.</p>";
  await paste(page, html, "Talks\n\nOfficials met in Lisbon on Monday before flying to Warsaw.\n\nThe next round will be held in Lisbon again, a spokesman said.");
  await page.waitForSelector('#map-card .marker[aria-label^="Warsaw"]');
  const marker = (name) => page.locator(`#map-card .marker[aria-label^="${name}:"]`);

  // Click in the middle of "Warsaw" (inside <i>): its marker is selected.
  const w = await highlightBox(page, "Warsaw");
  assert.ok(w, "Warsaw is highlighted");
  await page.mouse.click(w.x + w.width / 2, w.y + w.height / 2);
  assert.match(await marker("Warsaw").getAttribute("class"), /selected/);

  // A click beside the mentions (the start of the paragraph) changes nothing.
  const p = await page.evaluate(() => {
    const b = document.querySelector("#html-output .html-body p").getClientRects()[0];
    return { x: b.left + 3, y: b.top + b.height / 2 };
  });
  await page.mouse.click(p.x, p.y);
  assert.match(await marker("Warsaw").getAttribute("class"), /selected/);

  // The second "Lisbon" (plain text in a paragraph) selects Lisbon's marker.
  const l = await page.evaluate(() => {
    const rs = [...(CSS.highlights.get("aa-m-LOC") ?? [])].filter((x) => x.toString() === "Lisbon");
    const b = rs[rs.length - 1].getClientRects()[0];
    return { x: b.left + b.width / 2, y: b.top + b.height / 2, n: rs.length };
  });
  assert.equal(l.n, 2);
  await page.mouse.click(l.x, l.y);
  assert.match(await marker("Lisbon").getAttribute("class"), /selected/);
  assert.equal(await page.locator("#map-card .marker.selected").count(), 1);

  // Keyboard: a caret inside "Warsaw" (as caret browsing puts it) and Enter.
  await page.evaluate(() => {
    const r = [...CSS.highlights.get("aa-m-LOC")].find((x) => x.toString() === "Warsaw");
    document.getElementById("html-output").focus();
    getSelection().collapse(r.startContainer, r.startOffset + 2);
  });
  await page.keyboard.press("Enter");
  assert.match(await marker("Warsaw").getAttribute("class"), /selected/);
  assert.equal(await page.locator("#map-card .marker.selected").count(), 1);
  assert.deepEqual(problems, []);
});

/** The scale and translation of the land layer (the map's zoom and pan). */
const landTransform = (page) =>
  page.$eval("#map-card .land", (g) => {
    const m = /translate\(([-\d.]+) ([-\d.]+)\) scale\(([-\d.]+)\)/.exec(g.getAttribute("transform"));
    return { x: Number(m[1]), y: Number(m[2]), k: Number(m[3]) };
  });

/** Marker dots inside the map, as viewport circles. */
const visibleDots = (page) =>
  page.$$eval("#map-card .marker circle.dot", (dots) => {
    const box = document.querySelector("#map-card svg.world").getBoundingClientRect();
    return dots
      .map((d) => {
        const r = d.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2, r: r.width / 2 };
      })
      .filter((c) => c.x >= box.left && c.x <= box.right && c.y >= box.top && c.y <= box.bottom);
  });

test("many European places: fitted to them, markers spread without overlap, zoom, pan and a list", TIMEOUT, async (t) => {
  const { readFile } = await import("node:fs/promises");
  const article = await readFile(new URL("../fixtures/map/europe-rail.txt", import.meta.url), "utf8");
  const { page, problems, requests } = await openPage(t);
  await page.fill("#text", article);
  await page.click("#annotate");
  await page.waitForSelector('#map-card .marker[aria-label^="Ljubljana"]');
  const n = await page.locator("#map-card .marker").count();
  assert.ok(n >= 25, `many places (${n})`);

  // Opened fitted to Europe (zoomed in), every marker in view and none overlapping another.
  const v0 = await landTransform(page);
  assert.ok(v0.k > 2, `zoomed to the places: ${JSON.stringify(v0)}`);
  const dots = await visibleDots(page);
  assert.equal(dots.length, n, "every place in view");
  for (let i = 0; i < dots.length; i++) {
    for (let j = i + 1; j < dots.length; j++) {
      const d = Math.hypot(dots[i].x - dots[j].x, dots[i].y - dots[j].y);
      assert.ok(d >= dots[i].r + dots[j].r - 0.5, `markers ${i} and ${j} overlap: ${JSON.stringify([dots[i], dots[j]])}`);
    }
  }
  assert.ok((await page.locator("#map-card .leaders line").count()) > 0, "spread markers have leader lines");
  assert.ok((await page.locator("#map-card .labels text").count()) >= 3, "the biggest places are named");

  // Buttons: in doubles the zoom, out halves it, fit goes back.
  await page.click("#map-card .zoom-in");
  assert.ok(Math.abs((await landTransform(page)).k - 2 * v0.k) < 1e-3);
  await page.click("#map-card .zoom-out");
  await page.click("#map-card .zoom-out");
  assert.ok(Math.abs((await landTransform(page)).k - v0.k / 2) < 1e-3);
  await page.click("#map-card .zoom-fit");
  assert.deepEqual(await landTransform(page), v0);

  // Ctrl + wheel zooms in; a plain wheel does not (it scrolls the page, with a hint).
  const svgBox = await page.locator("#map-card svg.world").boundingBox();
  await page.mouse.move(svgBox.x + svgBox.width / 2, svgBox.y + svgBox.height / 2);
  await page.mouse.wheel(0, 40);
  await page.waitForTimeout(50);
  assert.equal((await landTransform(page)).k, v0.k);
  assert.match(await page.locator(".map-tip").textContent(), /scroll to zoom/);
  await page.keyboard.down("Control");
  await page.mouse.wheel(0, -60);
  await page.keyboard.up("Control");
  await page.waitForFunction((k) => {
    const m = /scale\(([-\d.]+)\)/.exec(document.querySelector("#map-card .land").getAttribute("transform"));
    return Number(m[1]) > k * 1.5;
  }, v0.k);

  // Drag pans (the plain wheel above may have scrolled the page: measure again).
  const before = await landTransform(page);
  const b2 = await page.locator("#map-card svg.world").boundingBox();
  await page.mouse.move(b2.x + 40, b2.y + b2.height / 2);
  await page.mouse.down();
  await page.mouse.move(b2.x + 90, b2.y + b2.height / 2 - 20, { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction(
    (x) => !document.querySelector("#map-card .land").getAttribute("transform").startsWith(`translate(${x.toFixed(2)} `),
    before.x,
  );

  // Keyboard: 0 fits again.
  await page.locator("#map-card .marker").first().focus();
  await page.keyboard.press("0");
  assert.deepEqual(await landTransform(page), v0);

  // The list holds every place; choosing one selects its marker (panned into view) and flashes its mentions.
  await page.click("#map-card .place-list summary");
  assert.equal(await page.locator("#map-card .place-items button").count(), n);
  const item = page.locator("#map-card .place-items button", { hasText: "Lisbon" }).first();
  const i = await item.getAttribute("data-entity");
  await page.locator(`#map-card .marker[data-entity="${i}"]`).evaluate(() => {}); // exists
  await page.click("#map-card .zoom-in");
  await page.click("#map-card .zoom-in");
  await item.click();
  assert.match(await page.locator(`#map-card .marker[data-entity="${i}"]`).getAttribute("class"), /selected/);
  assert.match(await item.getAttribute("class"), /selected/);
  const inView = await page.$eval(`#map-card .marker[data-entity="${i}"] circle.dot`, (d) => {
    const r = d.getBoundingClientRect(), b = document.querySelector("#map-card svg.world").getBoundingClientRect();
    return r.left >= b.left && r.right <= b.right && r.top >= b.top && r.bottom <= b.bottom;
  });
  assert.ok(inView, "the chosen place is panned into view");
  assert.ok((await page.locator("#output mark.flash").count()) >= 1);
  assert.deepEqual(problems, []);
  assert.ok(requests.every((u) => !/^https?:/.test(u) || new URL(u).hostname === "127.0.0.1"));
});
