// HTML extraction speed, native and wasm-in-Node, on the same pages:
// `node benches/html.mjs [DIR]` (`make bench-html`; needs `make wasm`).
// DIR: Mozilla Readability's test pages (default ../shared/data/readability/test-pages);
// without them, the committed fixtures tests/fixtures/html/*.html (small; a smoke figure).
// Native: `cargo run --release -p html-eval -- --bench DIR` (one thread), whose lines
// are printed as they are. Wasm: `htmlToText(html, {mode})` from pkg/ (the wasm build
// of html::extract, incl. copying the HTML into wasm memory and the text out), in text
// and article mode, whole passes for at least 3 s after one warm-up pass.
// Characters are Unicode scalar values of the HTML. Figures, not pass/fail.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = resolve(process.argv[2] ?? join(root, "../shared/data/readability/test-pages"));
const pkg = resolve(process.env.ANNOTATOR_PKG ?? join(root, "pkg"));

/** The pages html-eval --bench reads, in the same order. */
async function pages() {
  const names = existsSync(dir) ? (await readdir(dir)).sort() : [];
  const sources = names.map((n) => join(dir, n, "source.html")).filter((p) => existsSync(p));
  if (sources.length) return { files: sources, what: `readability pages in ${dir}` };
  const fixtures = join(root, "tests/fixtures/html");
  const files = (await readdir(fixtures)).filter((n) => n.endsWith(".html")).sort();
  return { files: files.map((n) => join(fixtures, n)), what: "committed fixtures tests/fixtures/html/*.html" };
}

const { files, what } = await pages();
const sources = await Promise.all(files.map((f) => readFile(f, "utf8")));
const chars = sources.reduce((n, s) => n + [...s].length, 0);

const native = spawnSync("cargo", ["run", "--release", "-q", "-p", "html-eval", "--", "--bench", dir], {
  cwd: root,
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
if (native.status !== 0) {
  console.error("benches/html.mjs: the native bench failed");
  process.exit(1);
}
process.stdout.write(native.stdout);
const nativeRate = {};
for (const m of native.stdout.matchAll(/\((\w+) mode\), native: .*?([\d.]+) M chars\/s.*?best pass ([\d.]+) M chars\/s/g)) {
  nativeRate[m[1]] = { mean: Number(m[2]) * 1e6, best: Number(m[3]) * 1e6 };
}

const glue = await import(join(pkg, "article_annotator.js"));
await glue.default({ module_or_path: await readFile(join(pkg, "article_annotator_bg.wasm")) });

/** Runs `fn` over the pages for at least `ms` (and 3 passes); returns ms per pass and the fastest pass. */
function measure(fn, ms = 3000) {
  fn(); // warm-up
  let passes = 0;
  let best = Infinity;
  const t0 = performance.now();
  while (performance.now() - t0 < ms || passes < 3) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
    passes++;
  }
  return { perPass: (performance.now() - t0) / passes, passes, best };
}

console.log(`wasm: ${sources.length} pages (${what}), ${chars} chars of HTML`);
for (const mode of ["text", "article"]) {
  const options = JSON.stringify({ mode });
  let out = 0;
  const { perPass, passes, best } = measure(() => {
    out = 0;
    for (const s of sources) {
      try {
        out += glue.htmlToText(s, options).length;
      } catch {
        // over a limit: counted like the native bench, which skips errors too
      }
    }
  });
  const rate = chars / (perPass / 1000);
  const bestRate = chars / (best / 1000);
  console.log(
    `html extraction (${mode} mode), wasm in Node ${process.versions.node}: ${perPass.toFixed(2)} ms per pass ` +
      `(${passes} passes); ${(rate / 1e6).toFixed(2)} M chars/s; best pass ${(bestRate / 1e6).toFixed(2)} M chars/s; ` +
      `${out.toLocaleString("en")} UTF-16 units of text`,
  );
  const n = nativeRate[mode];
  if (n) {
    console.log(
      `ratio (${mode} mode): native/wasm ${(n.mean / rate).toFixed(2)}× (means), ${(n.best / bestRate).toFixed(2)}× (best passes)`,
    );
  }
}
