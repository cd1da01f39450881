// End-to-end tests of the map panel (www/map.js) in headless Chromium. Needs `make wasm` first.
// Run: node --test tests/e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, watchedPage } from "../support/browser.mjs";

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
  const box = await page.locator("#map-card svg").boundingBox();
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
