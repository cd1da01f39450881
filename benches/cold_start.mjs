// Cold start in headless Chromium: fetch + compile + instantiate the wasm, then
// the first annotate() of the page sample, in a fresh browser context each run
// (no HTTP or code cache). `node benches/cold_start.mjs [RUNS]` (needs `make wasm`).
// Figures, not pass/fail.
import { serve, launch } from "../tests/support/browser.mjs";

const RUNS = Number(process.argv[2] ?? 7);
const server = await serve();
const browser = await launch();
const runs = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/benches/cold.html`);
    runs.push(
      await page.evaluate(async () => {
        const sample = await (await fetch("/www/sample/new-zealand.txt")).text();
        const t0 = performance.now();
        const { createAnnotator } = await import("/embed/annotator.js");
        const t1 = performance.now();
        const annotator = await createAnnotator();
        const t2 = performance.now();
        const doc = annotator.annotate(sample);
        const t3 = performance.now();
        const second = performance.now();
        annotator.annotate(sample);
        const t4 = performance.now();
        return { js: t1 - t0, wasm: t2 - t1, first: t3 - t2, total: t3 - t0, warm: t4 - second, chars: sample.length, sentences: doc.sentences.length };
      }),
    );
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const median = (k) => {
  const v = runs.map((r) => r[k]).sort((a, b) => a - b);
  return v[v.length >> 1];
};
const version = browser.version?.() ?? "";
console.log(
  `cold start in Chromium ${version} (median of ${RUNS}, fresh context each): ${median("total").toFixed(1)} ms total = ` +
    `JS modules ${median("js").toFixed(1)} ms + wasm fetch/compile/instantiate ${median("wasm").toFixed(1)} ms + ` +
    `first annotate of the ${runs[0].chars}-char sample ${median("first").toFixed(1)} ms (warm annotate ${median("warm").toFixed(1)} ms)`,
);
