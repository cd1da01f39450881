// Saves docs/screenshot.png (desktop) and docs/screenshot-phone.png of the page
// with the sample annotated: node scripts/screenshot.mjs  (needs `make wasm` first)
import { serve, launch, ROOT } from "../tests/support/browser.mjs";
import { join } from "node:path";

const server = await serve();
const browser = await launch();
try {
  for (const [name, viewport, fullPage] of [
    ["screenshot.png", { width: 1280, height: 1000 }, false],
    ["screenshot-phone.png", { width: 380, height: 800 }, false],
  ]) {
    const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
    page.on("console", (m) => m.type() === "error" && console.error("console:", m.text()));
    await page.goto(`${server.url}/www/`);
    await page.waitForSelector("body[data-annotated=true]");
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(ROOT, "docs", name), fullPage });
    console.log(`docs/${name}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
