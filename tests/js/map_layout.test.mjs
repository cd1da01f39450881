// Unit tests of the map's pure geometry (www/map-layout.js): spreading of
// overlapping markers and the zoom/pan view. Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { spread, fitView, clampView, zoomAt, panBy, K_MAX } from "../../www/map-layout.js";

const BOX = { x: 0, y: -89, w: 960, h: 600 };
const WORLD = { x: 0, y: -2, w: 960, h: 426 };

/** A deterministic pseudo-random sequence (no Math.random in tests). */
function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function overlaps(q, radii, gap) {
  const bad = [];
  for (let i = 0; i < q.length; i++) {
    for (let j = i + 1; j < q.length; j++) {
      const d = Math.hypot(q[i][0] - q[j][0], q[i][1] - q[j][1]);
      if (d < radii[i] + radii[j] + gap - 1e-6) bad.push([i, j, d]);
    }
  }
  return bad;
}

test("spread: a dense cluster (places of one country at world zoom) ends with no overlap, inside the bounds", () => {
  const rnd = lcg(7);
  const pts = Array.from({ length: 60 }, () => [480 + rnd() * 30, 150 + rnd() * 20]);
  const radii = pts.map((_, i) => 3 + (i % 5) * 2);
  const bounds = { x: 0, y: 0, w: 960, h: 400 };
  const q = spread(pts, radii, { gap: 1.5, bounds });
  assert.deepEqual(overlaps(q, radii, 1.5), []);
  q.forEach(([x, y], i) => {
    assert.ok(x - radii[i] >= bounds.x - 1e-9 && x + radii[i] <= bounds.x + bounds.w + 1e-9, `x in bounds: ${x}`);
    assert.ok(y - radii[i] >= bounds.y - 1e-9 && y + radii[i] <= bounds.y + bounds.h + 1e-9, `y in bounds: ${y}`);
  });
  // Deterministic.
  assert.deepEqual(spread(pts, radii, { gap: 1.5, bounds }), q);
  // Nobody is flung far: every circle stays within the cluster's neighbourhood.
  for (const [x, y] of q) assert.ok(Math.hypot(x - 495, y - 160) < 120, `near the cluster: ${x}, ${y}`);
});

test("spread: the same place twice, and circles that do not touch", () => {
  const q = spread([[10, 10], [10, 10], [10, 10]], [4, 4, 4], { gap: 1 });
  assert.deepEqual(overlaps(q, [4, 4, 4], 1), []);
  const apart = [[0, 0], [100, 0], [0, 100]];
  assert.deepEqual(spread(apart, [5, 5, 5], { gap: 1 }), apart);
  assert.deepEqual(spread([], [], {}), []);
  assert.deepEqual(spread([[1, 2]], [3], {}), [[1, 2]]);
});

test("spread: a big circle moves less than a small one it overlaps", () => {
  const [big, small] = spread([[0, 0], [2, 0]], [10, 3], { gap: 0 });
  assert.ok(Math.abs(big[0]) < Math.abs(small[0] - 2), `big moved ${big[0]}, small ${small[0] - 2}`);
});

test("spread: thousands of circles finish (grid neighbours)", () => {
  const rnd = lcg(3);
  const pts = Array.from({ length: 3000 }, () => [rnd() * 960, rnd() * 400]);
  const q = spread(pts, pts.map(() => 3), { gap: 1, bounds: { x: 0, y: 0, w: 960, h: 400 }, iterations: 40 });
  assert.equal(q.length, 3000);
  assert.ok(q.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
});

test("fitView: every point is in view with its margin; one point gets a moderate zoom", () => {
  const pts = [[450, 90], [520, 150], [470, 120]];
  const v = fitView(pts, BOX, WORLD, 20);
  assert.ok(v.k > 1);
  for (const [x, y] of pts) {
    const sx = x * v.k + v.x, sy = y * v.k + v.y;
    assert.ok(sx >= BOX.x + 20 - 1e-6 && sx <= BOX.x + BOX.w - 20 + 1e-6, `x ${sx}`);
    assert.ok(sy >= BOX.y + 20 - 1e-6 && sy <= BOX.y + BOX.h - 20 + 1e-6, `y ${sy}`);
  }
  const one = fitView([[480, 200]], BOX, WORLD, 20);
  assert.ok(one.k > 1 && one.k < K_MAX);
  const world = fitView([[10, 10], [950, 400]], BOX, WORLD, 20);
  assert.equal(world.k, 1);
});

test("clampView, zoomAt, panBy: zoom stays in [1, K_MAX], the world is never dragged out of the box", () => {
  const v1 = clampView({ k: 0.2, x: 5000, y: -5000 }, BOX, WORLD);
  assert.equal(v1.k, 1);
  // At zoom 1 the world (shorter than the box) is centred vertically and fills the width.
  assert.equal(v1.x, 0);
  assert.ok(Math.abs(WORLD.y + v1.y + WORLD.h / 2 - (BOX.y + BOX.h / 2)) < 1e-9);
  const z = zoomAt(v1, 4, 300, 100, BOX, WORLD);
  assert.equal(z.k, 4);
  // The point under the cursor stays put (no clamping needed here).
  const wx = (300 - v1.x) / v1.k, wy = (100 - v1.y) / v1.k;
  assert.ok(Math.abs(wx * z.k + z.x - 300) < 1e-9 && Math.abs(wy * z.k + z.y - 100) < 1e-9);
  assert.equal(zoomAt(z, 1000, 0, 0, BOX, WORLD).k, K_MAX);
  const far = panBy(z, 1e6, 1e6, BOX, WORLD);
  assert.ok(far.x <= BOX.x - WORLD.x * far.k + 1e-9 && far.y <= BOX.y - WORLD.y * far.k + 1e-9, "left/top edge of the world not past the box's");
  const far2 = panBy(z, -1e6, -1e6, BOX, WORLD);
  assert.ok((WORLD.x + WORLD.w) * far2.k + far2.x >= BOX.x + BOX.w - 1e-9, "right edge covers");
  assert.ok((WORLD.y + WORLD.h) * far2.k + far2.y >= BOX.y + BOX.h - 1e-9, "bottom edge covers");
});

test("markers of radius 0 at one point are still spread to finite positions", () => {
  const q = spread([[5, 5], [5, 5]], [0, 0], { gap: 2 });
  for (const [x, y] of q) assert.ok(Number.isFinite(x) && Number.isFinite(y));
  assert.ok(Math.hypot(q[0][0] - q[1][0], q[0][1] - q[1][1]) > 0);
});
