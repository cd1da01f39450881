// Builds www/vendor/world.json: country outlines of world-atlas (Natural Earth
// 1:110m, via npm) projected once here with d3-geo's Equal Earth projection into
// SVG path data, plus the projection's scale and translate, so the page draws the
// map with no library and projects place markers with the same formula (www/map.js).
// Deterministic: `node scripts/vendor-map.mjs` rewrites the same bytes.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const topo = JSON.parse(readFileSync(join(ROOT, "node_modules/world-atlas/countries-110m.json"), "utf8"));
const countries = feature(topo, topo.objects.countries).features.filter((f) => f.id !== "010"); // no Antarctica

const WIDTH = 960;
const projection = geoEqualEarth().fitWidth(WIDTH, { type: "FeatureCollection", features: countries });
const path = geoPath(projection).digits(1);
const [[, y0], [, y1]] = path.bounds({ type: "FeatureCollection", features: countries });
const height = Math.ceil(y1) + 2;
const top = Math.floor(y0) - 2;

const shapes = countries
  .map((f) => ({ id: f.id ?? "", name: f.properties.name, d: path(f) }))
  .filter((s) => s.d)
  .sort((a, b) => a.name.localeCompare(b.name));

// Same formula as www/map.js: check a few points against d3-geo.
const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
const k = projection.scale();
const [tx, ty] = projection.translate();
function project(lon, lat) {
  const lam = (lon * Math.PI) / 180;
  const l = Math.asin(M * Math.sin((lat * Math.PI) / 180));
  const l2 = l * l, l6 = l2 * l2 * l2;
  const x = (lam * Math.cos(l)) / (M * (A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2)));
  const y = l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2));
  return [tx + k * x, ty - k * y];
}
for (const p of [[0, 0], [174.78, -41.29], [-74, 40.7], [139.7, 35.7], [-58.4, -34.6]]) {
  const [a, b] = projection(p);
  const [c, d] = project(...p);
  if (Math.abs(a - c) > 0.01 || Math.abs(b - d) > 0.01) throw new Error(`projection mismatch at ${p}: ${[a, b]} vs ${[c, d]}`);
}

const out = {
  source: "world-atlas 2.0.2 countries-110m (Natural Earth, public domain; world-atlas ISC licence), Antarctica left out",
  projection: { name: "equalEarth", scale: +k.toFixed(6), translate: [+tx.toFixed(6), +ty.toFixed(6)] },
  viewBox: [0, top, WIDTH, height - top],
  countries: shapes,
};
mkdirSync(join(ROOT, "www/vendor"), { recursive: true });
const file = join(ROOT, "www/vendor/world.json");
writeFileSync(file, JSON.stringify(out) + "\n");
console.log(`www/vendor/world.json: ${shapes.length} countries, ${(JSON.stringify(out).length / 1024).toFixed(0)} KB`);
