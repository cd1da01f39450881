// Throughput of the wasm build in Node (embed/annotator.js) and of compromise
// (npm) on the same corpus in the same process, plus the wasm file size.
// `node benches/node.mjs` (needs `make wasm`). Figures, not pass/fail.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readdir, readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import nlp from "compromise";
import { createAnnotator } from "../embed/annotator.js";

const dir = new URL("./corpus/", import.meta.url);
const names = (await readdir(dir)).filter((n) => n.endsWith(".txt")).sort();
const texts = await Promise.all(names.map((n) => readFile(new URL(n, dir), "utf8")));

/** Runs `fn` over the corpus for at least `ms` (and 3 passes); returns ms per pass. */
function measure(fn, ms = 3000) {
  fn(); // warm-up
  let passes = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms || passes < 3) {
    fn();
    passes++;
  }
  return { perPass: (performance.now() - t0) / passes, passes };
}
const mcs = (r) => `${(r / 1e6).toFixed(2)} M chars/s`;

const wasmBytes = await readFile(new URL("../pkg/article_annotator_bg.wasm", import.meta.url));
console.log(
  `wasm size: ${wasmBytes.length.toLocaleString("en")} bytes raw, ${gzipSync(wasmBytes, { level: 9 }).length.toLocaleString("en")} bytes gzipped (-9)`,
);

const t0 = performance.now();
const annotator = await createAnnotator();
const load = performance.now() - t0;
/** Our wasm and compromise on `texts`: separate runs, then interleaved rounds. */
function compare(what, texts) {
  const chars = texts.reduce((n, t) => n + [...t].length, 0);
  const rate = (perPass) => chars / (perPass / 1000);
  let found = 0;
  const ours = measure(() => {
    found = 0;
    for (const t of texts) {
      const d = annotator.annotate(t);
      found += d.mentions.length + d.quotes.length;
    }
  });
  console.log(
    `wasm in Node ${process.versions.node}: ${what}, ${chars.toLocaleString("en")} chars; ` +
      `${ours.perPass.toFixed(2)} ms per pass (${ours.passes} passes); ${mcs(rate(ours.perPass))}; ${found} mentions+quotes`,
  );

  let theirsFound = 0;
  const theirs = measure(() => {
    theirsFound = 0;
    for (const t of texts) {
      const doc = nlp(t);
      theirsFound +=
        doc.people().json().length + doc.places().json().length + doc.organizations().json().length + doc.quotations().json().length;
    }
  });
  console.log(
    `compromise ${nlp.version} (people + places + organizations + quotations): ${theirs.perPass.toFixed(2)} ms per pass ` +
      `(${theirs.passes} passes); ${mcs(rate(theirs.perPass))}; ${theirsFound} found`,
  );
  console.log(`ratio: our wasm throughput is ${(rate(ours.perPass) / rate(theirs.perPass)).toFixed(2)}× compromise's (the two runs above)`);

  // The two runs above follow each other, so a change in the machine's load
  // between them skews their ratio. Interleaved rounds measure both under the
  // same conditions: each round times one compromise pass and, right after,
  // enough of our passes to take about as long; the median round is reported.
  const ourPass = () => texts.forEach((t) => annotator.annotate(t));
  const theirPass = () =>
    texts.forEach((t) => {
      const doc = nlp(t);
      doc.people().json(), doc.places().json(), doc.organizations().json(), doc.quotations().json();
    });
  const k = Math.max(1, Math.round(theirs.perPass / ours.perPass));
  const ratios = [];
  for (let round = 0; round < 9; round++) {
    let t = performance.now();
    theirPass();
    const theirMs = performance.now() - t;
    t = performance.now();
    for (let i = 0; i < k; i++) ourPass();
    const ourMs = (performance.now() - t) / k;
    ratios.push(theirMs / ourMs);
  }
  ratios.sort((a, b) => a - b);
  console.log(
    `ratio, interleaved (9 rounds of 1 compromise pass + ${k} of ours): median ${ratios[4].toFixed(2)}× ` +
      `(range ${ratios[0].toFixed(2)}–${ratios[8].toFixed(2)}×)`,
  );
}

console.log(`load ${load.toFixed(1)} ms`);
compare(`${texts.length} files of benches/corpus`, texts);

// News, the issue's setting for the peers' figures (CoNLL-2003): the dev part
// when ../shared/data is next to the repository (NEWS=path.jsonl to choose
// another {"text"} per line file). Skipped in a clone without it.
const news = process.env.NEWS ?? fileURLToPath(new URL("../../shared/data/conll2003/dev.jsonl", import.meta.url));
if (existsSync(news)) {
  const docs = (await readFile(news, "utf8"))
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l).text)
    .filter((t) => typeof t === "string");
  compare(`${docs.length} news documents of ${news.split("/").slice(-2).join("/")}`, docs);
} else {
  console.log(`(no news corpus at ${news}: set NEWS=path.jsonl to compare on news as well)`);
}
