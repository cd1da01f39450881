// A/B of two wasm builds in one Node process: `annotateJson` over the same
// texts, the builds alternating round by round so that both run under the
// same machine load (the machine's load moves absolute figures by ±15 %).
//
//   node benches/ab.mjs DIR_A DIR_B        # two wasm-bindgen outputs (copies of pkg/)
//   NEWS=file.jsonl node benches/ab.mjs …  # the `text` of each line instead of benches/corpus
//   ROUNDS=7 …                             # rounds (default 15), each 5 passes per build
//
// Prints the fastest and the median round of each build, in ms per pass.
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [dirA, dirB] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error("usage: node benches/ab.mjs DIR_A DIR_B  (each a wasm-bindgen --target web output, like pkg/)");
  process.exit(2);
}
const corpus = new URL("./corpus/", import.meta.url);
const texts = process.env.NEWS
  ? readFileSync(process.env.NEWS, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).text)
  : readdirSync(corpus)
      .filter((n) => n.endsWith(".txt"))
      .sort()
      .map((n) => readFileSync(new URL(n, corpus), "utf8"));

async function load(dir) {
  const m = await import(pathToFileURL(resolve(dir, "article_annotator.js")).href);
  m.initSync({ module: readFileSync(resolve(dir, "article_annotator_bg.wasm")) });
  return new m.Annotator();
}
const builds = { A: await load(dirA), B: await load(dirB) };
const pass = (k) => {
  for (const t of texts) builds[k].annotateJson(t, "utf16");
};
const times = { A: [], B: [] };
for (const k of ["A", "B"]) for (let i = 0; i < 5; i++) pass(k); // warm-up
const rounds = Number(process.env.ROUNDS) || 15;
for (let r = 0; r < rounds; r++) {
  for (const k of r % 2 ? ["A", "B"] : ["B", "A"]) {
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) pass(k);
    times[k].push((performance.now() - t0) / 5);
  }
}
for (const k of ["A", "B"]) {
  const s = times[k].sort((a, b) => a - b);
  console.log(`${k} (${k === "A" ? dirA : dirB}): fastest ${s[0].toFixed(2)}, median ${s[s.length >> 1].toFixed(2)} ms per pass`);
}
