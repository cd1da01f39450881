// Saves docs/screenshot.png (desktop) and docs/screenshot-phone.png of the page
// with the sample annotated, and docs/screenshot-map.png: the map panel with an
// article naming many European places (tests/fixtures/map/europe-rail.txt).
// node scripts/screenshot.mjs  (needs `make wasm` first)
import { serve, launch, ROOT } from "../tests/support/browser.mjs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

const server = await serve();
const browser = await launch();
try {
  for (const [name, viewport, article] of [
    ["screenshot.png", { width: 1280, height: 1000 }, null],
    ["screenshot-phone.png", { width: 380, height: 800 }, null],
    ["screenshot-map.png", { width: 1280, height: 720 }, "tests/fixtures/map/europe-rail.txt"],
  ]) {
    const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
    page.on("console", (m) => m.type() === "error" && console.error("console:", m.text()));
    await page.goto(`${server.url}/www/`);
    await page.waitForSelector("body[data-annotated=true]");
    if (article) {
      await page.fill("#text", await readFile(join(ROOT, article), "utf8"));
      await page.click("#annotate");
      await page.waitForFunction((n) => document.querySelectorAll("#map-card .marker").length > n, 10);
      // Hover the most mentioned place, as a reader would.
      await page.locator("#map-card .marker").first().hover();
    }
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(ROOT, "docs", name) });
    console.log(`docs/${name}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
