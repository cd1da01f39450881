// Cold start in headless Chromium, in a fresh browser context each run (no HTTP
// or code cache). `node benches/cold_start.mjs [RUNS]` (needs `make wasm`).
// Figures, not pass/fail. Two measurements per run, each in its own context:
//
// 1. Stage by stage, through the wasm-bindgen module (pkg/) directly, with
//    performance.now() around separate calls: fetch the .wasm; compile it
//    (WebAssembly.compile); instantiate; `new Annotator()` (parses the
//    embedded NER model); `loadGazetteer()` (parses the embedded gazetteer,
//    which the core otherwise does on the first annotate); the first annotate
//    of the page sample (a text with places); a second (warm) annotate; a
//    second `new Annotator()` (the same parse with its code already compiled).
//    Chromium compiles wasm functions lazily on their first call, so each
//    stage includes compiling the code it runs first — as a page pays it.
// 2. The page's path, through embed/annotator.js: import, createAnnotator()
//    (fetch + compile + instantiate + model), first annotate (gazetteer included).
//
// Bars: NER model load ≤ 50 ms after the wasm is compiled (issue 3), gazetteer
// loaded ≤ 30 ms (issue 6).
import { serve, launch } from "../tests/support/browser.mjs";

const RUNS = Number(process.argv[2] ?? 7);
const SAMPLE = "/www/sample/new-zealand.txt";
const server = await serve();
const browser = await launch();
const stages = [];
const paths = [];

async function inFreshPage(fn, arg) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/benches/cold.html`);
    return await page.evaluate(fn, arg);
  } finally {
    await context.close();
  }
}

try {
  for (let i = 0; i < RUNS; i++) {
    stages.push(
      await inFreshPage(async (sampleUrl) => {
        const sample = await (await fetch(sampleUrl)).text();
        const t0 = performance.now();
        const wasm = await import("/pkg/article_annotator.js");
        const t1 = performance.now();
        const bytes = await (await fetch("/pkg/article_annotator_bg.wasm")).arrayBuffer();
        const t2 = performance.now();
        const module = await WebAssembly.compile(bytes);
        const t3 = performance.now();
        await wasm.default({ module_or_path: module });
        const t4 = performance.now();
        const annotator = new wasm.Annotator();
        const t5 = performance.now();
        wasm.loadGazetteer();
        const t6 = performance.now();
        const doc = JSON.parse(annotator.annotateJson(sample, "utf16"));
        const t7 = performance.now();
        annotator.annotateJson(sample, "utf16");
        const t8 = performance.now();
        new wasm.Annotator().free(); // the model parsed again, its code now compiled
        const t9 = performance.now();
        annotator.free();
        return {
          js: t1 - t0,
          fetch: t2 - t1,
          compile: t3 - t2,
          instantiate: t4 - t3,
          model: t5 - t4,
          gazetteer: t6 - t5,
          first: t7 - t6,
          warm: t8 - t7,
          model2: t9 - t8,
          chars: sample.length,
          places: doc.entities.filter((e) => e.place).length,
          bytes: bytes.byteLength,
        };
      }, SAMPLE),
    );
    paths.push(
      await inFreshPage(async (sampleUrl) => {
        const sample = await (await fetch(sampleUrl)).text();
        const t0 = performance.now();
        const { createAnnotator } = await import("/embed/annotator.js");
        const t1 = performance.now();
        const annotator = await createAnnotator();
        const t2 = performance.now();
        annotator.annotate(sample);
        const t3 = performance.now();
        annotator.annotate(sample);
        const t4 = performance.now();
        return { js: t1 - t0, create: t2 - t1, first: t3 - t2, total: t3 - t0, warm: t4 - t3 };
      }, SAMPLE),
    );
  }
} finally {
  await browser.close();
  await server.close();
}

const sorted = (runs, k) => runs.map((r) => r[k]).sort((a, b) => a - b);
const median = (runs, k) => sorted(runs, k)[runs.length >> 1];
const ms = (runs, k) => {
  const v = sorted(runs, k);
  return `${median(runs, k).toFixed(1)} ms (${v[0].toFixed(1)}–${v[v.length - 1].toFixed(1)})`;
};
const bar = (runs, k, limit) => `${median(runs, k) <= limit ? "within" : "OVER"} the ≤ ${limit} ms bar`;
const s = stages[0];
console.log(`cold start in Chromium ${browser.version()} (median of ${RUNS}, range in brackets, fresh context each run)`);
console.log(`  JS glue import ${ms(stages, "js")}`);
console.log(`  wasm fetch (${(s.bytes / 1e6).toFixed(2)} MB) ${ms(stages, "fetch")}`);
console.log(`  wasm compile ${ms(stages, "compile")}, instantiate ${ms(stages, "instantiate")}`);
console.log(`  NER model load (new Annotator) ${ms(stages, "model")}: ${bar(stages, "model", 50)} (issue 3); a second new Annotator ${ms(stages, "model2")}`);
console.log(`  gazetteer load (loadGazetteer) ${ms(stages, "gazetteer")}: ${bar(stages, "gazetteer", 30)} (issue 6)`);
console.log(`  first annotate of the ${s.chars}-char sample (${s.places} linked places) ${ms(stages, "first")}; warm ${ms(stages, "warm")}`);
console.log(
  `  page path via embed/annotator.js: ${ms(paths, "total")} total = import ${ms(paths, "js")} + createAnnotator ${ms(paths, "create")} + ` +
    `first annotate incl. gazetteer ${ms(paths, "first")} (warm ${ms(paths, "warm")})`,
);
