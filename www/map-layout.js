// Pure geometry for the map panel (www/map.js), no DOM: the zoom/pan view and
// the spreading of overlapping markers. Units are the SVG's viewBox units.
//
// A view is {k, x, y}: a world point (wx, wy) is drawn at (wx·k + x, wy·k + y).
// `box` is the viewBox {x, y, w, h}; `world` the extent of the map drawn in it.

export const K_MAX = 24; // deepest zoom (the outlines are 1:110m: coarse beyond this)
const FIT_MAX = 10; // deepest zoom "fit the places" picks
const ONE_PLACE = 4; // zoom for a document with a single place

/** The view kept within bounds: zoom in [1, K_MAX]; the world covers the box, or is centred where it is smaller. */
export function clampView({ k, x, y }, box, world) {
  k = Math.min(K_MAX, Math.max(1, k));
  const axis = (t, b0, bl, w0, wl) => {
    const lo = b0 + bl - (w0 + wl) * k; // world's far edge on the box's far edge
    const hi = b0 - w0 * k; // world's near edge on the box's near edge
    return wl * k <= bl ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, t));
  };
  return { k, x: axis(x, box.x, box.w, world.x, world.w), y: axis(y, box.y, box.h, world.y, world.h) };
}

/** The view showing all `points` ([wx, wy]) with `pad` units of margin, at most FIT_MAX deep. */
export function fitView(points, box, world, pad = 0) {
  if (points.length === 0) return clampView({ k: 1, x: 0, y: 0 }, box, world);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y);
    x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  const bw = x1 - x0, bh = y1 - y0;
  const kw = bw > 0 ? (box.w - 2 * pad) / bw : Infinity;
  const kh = bh > 0 ? (box.h - 2 * pad) / bh : Infinity;
  let k = Math.min(kw, kh, FIT_MAX);
  if (!Number.isFinite(k)) k = ONE_PLACE;
  k = Math.max(1, k);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  return clampView({ k, x: box.x + box.w / 2 - cx * k, y: box.y + box.h / 2 - cy * k }, box, world);
}

/** The view zoomed by `factor` keeping screen point (sx, sy) fixed. */
export function zoomAt(v, factor, sx, sy, box, world) {
  const k = Math.min(K_MAX, Math.max(1, v.k * factor));
  const f = k / v.k;
  return clampView({ k, x: sx - (sx - v.x) * f, y: sy - (sy - v.y) * f }, box, world);
}

/** The view panned by (dx, dy) screen units. */
export const panBy = (v, dx, dy, box, world) => clampView({ k: v.k, x: v.x + dx, y: v.y + dy }, box, world);

/**
 * Spreads circles so that none overlaps another: `points` are the centres
 * ([x, y]), `radii` their radii, `gap` the space kept between two circles.
 * Returns new centres, each moved as little as the relaxation allows (bigger
 * circles move less) and kept inside `bounds` ({x, y, w, h}) when given.
 * Deterministic; neighbours are found through a grid, so a few thousand
 * circles stay fast.
 */
export function spread(points, radii, { gap = 0, bounds = null, iterations = 120 } = {}) {
  const n = points.length;
  if (n < 2) return points.map(([x, y]) => [x, y]);
  const qx = new Float64Array(n), qy = new Float64Array(n);
  points.forEach(([x, y], i) => ((qx[i] = x), (qy[i] = y)));
  let rMax = 0;
  for (const r of radii) rMax = Math.max(rMax, r);
  const cell = 2 * rMax + gap || 1;
  const pull = Math.floor(iterations / 3); // early rounds also pull each circle back towards its place
  const grid = new Map(); // cell key -> indices
  const key = (gx, gy) => gx * 131072 + gy; // exact for |gx|, |gy| < 65536 (points are never that far apart in cells)
  for (let it = 0; it < iterations; it++) {
    grid.clear();
    for (let i = 0; i < n; i++) {
      const k = key(Math.floor(qx[i] / cell), Math.floor(qy[i] / cell));
      const list = grid.get(k);
      if (list) list.push(i);
      else grid.set(k, [i]);
    }
    let moved = false;
    for (let i = 0; i < n; i++) {
      const gx = Math.floor(qx[i] / cell), gy = Math.floor(qy[i] / cell);
      for (let ox = -1; ox <= 1; ox++) {
        for (let oy = -1; oy <= 1; oy++) {
          const list = grid.get(key(gx + ox, gy + oy));
          if (!list) continue;
          for (const j of list) {
            if (j <= i) continue;
            let dx = qx[j] - qx[i], dy = qy[j] - qy[i];
            let d = Math.hypot(dx, dy);
            const min = radii[i] + radii[j] + gap;
            if (d >= min) continue;
            if (d < 1e-9) {
              const a = (i * 2.399963 + j * 0.7) % (2 * Math.PI); // the same place twice: a fixed direction
              dx = Math.cos(a); dy = Math.sin(a); d = 0;
            } else {
              dx /= d; dy /= d;
            }
            const ai = radii[i] ** 2, aj = radii[j] ** 2;
            const push = min - d + gap * 0.25; // a little beyond touching, so that jams settle
            const sum = ai + aj || 2; // two zero radii: move both equally
            const wi = (aj || 1) / sum, wj = (ai || 1) / sum;
            qx[i] -= dx * push * wi; qy[i] -= dy * push * wi;
            qx[j] += dx * push * wj; qy[j] += dy * push * wj;
            moved = true;
          }
        }
      }
    }
    for (let i = 0; i < n; i++) {
      if (it < pull) {
        qx[i] += (points[i][0] - qx[i]) * 0.1;
        qy[i] += (points[i][1] - qy[i]) * 0.1;
      }
      if (bounds) {
        const r = radii[i];
        qx[i] = Math.min(bounds.x + bounds.w - r, Math.max(bounds.x + r, qx[i]));
        qy[i] = Math.min(bounds.y + bounds.h - r, Math.max(bounds.y + r, qy[i]));
      }
    }
    if (!moved && it >= pull) break;
  }
  return Array.from(qx, (x, i) => [x, qy[i]]);
}
