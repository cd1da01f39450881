// The map panel: an offline world map (country outlines pre-projected at build
// time by scripts/vendor-map.mjs into vendor/world.json) with one marker per
// place entity, sized by its mentions. Clicking a marker shows the entity's
// mentions in the text; clicking a place mention in the text marks its marker.
//
// The view opens fitted to the places. Zoom: the +/− buttons, Ctrl/⌘ + wheel,
// a trackpad or two-finger pinch, the + − 0 keys; drag to pan. Markers keep
// their size on screen; overlapping ones (up to SPREAD_MAX) are spread apart (map-layout.js) with
// a leader line to their place, and the biggest get a name. Every place is
// also in a list under the map.

import { clampView, fitView, zoomAt, panBy, spread, K_MAX } from "./map-layout.js";

const SVG = "http://www.w3.org/2000/svg";
const WORLD_URL = new URL("vendor/world.json", import.meta.url);
const ASPECT = 1.6; // width / height of the map
const LABELS = 10; // at most this many place names drawn on the map
const SPREAD_MAX = 250; // at most this many markers in view are spread apart

// Equal Earth (Šavrič, Patterson & Jenny 2018), the projection the outlines were drawn with.
const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
function project({ scale, translate: [tx, ty] }, lon, lat) {
  const lam = (lon * Math.PI) / 180;
  const l = Math.asin(M * Math.sin((lat * Math.PI) / 180));
  const l2 = l * l, l6 = l2 * l2 * l2;
  const x = (lam * Math.cos(l)) / (M * (A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2)));
  const y = l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2));
  return [tx + scale * x, ty - scale * y];
}

const svg = (tag, attrs = {}) => {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  return n;
};
const html = (tag, attrs = {}, ...children) => {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  n.append(...children);
  return n;
};

let world = null; // Promise of vendor/world.json
const loadWorld = () =>
  (world ??= fetch(WORLD_URL).then((r) => {
    if (!r.ok) throw new Error(`world map: HTTP ${r.status}`);
    return r.json();
  }));

/**
 * Creates the map card at the top of `container` (hidden until a document has
 * places). `onSelect(entity)` is called when a marker is activated.
 */
export function createMap({ container, output, onSelect }) {
  const fmt = new Intl.NumberFormat("en");
  const card = html("section", { class: "card map-card", id: "map-card", "aria-labelledby": "map-h" });
  card.hidden = true;
  const count = html("span", { class: "badge", id: "place-count" });
  const h = html("h2", { id: "map-h" }, "Map ", count);
  const figure = html("div", { class: "map" });
  const tip = html("div", { class: "map-tip", role: "status" });
  tip.hidden = true;
  const button = (cls, label, text, onClick) => {
    const b = html("button", { type: "button", class: cls, "aria-label": label, title: label }, text);
    b.addEventListener("click", onClick);
    return b;
  };
  const zoomIn = button("zoom-in", "Zoom in (+)", "+", () => zoomBy(2));
  const zoomOut = button("zoom-out", "Zoom out (−)", "−", () => zoomBy(0.5));
  const fit = button("zoom-fit", "Show all places (0)", "", () => setView(fitted()));
  fit.append(fitIcon());
  const controls = html("div", { class: "map-controls", role: "group", "aria-label": "Map zoom" }, zoomIn, zoomOut, fit);
  figure.append(tip, controls);
  const listSummary = html("summary", {}, "List of places");
  const list = html("ol", { class: "items place-items" });
  const listBox = html("details", { class: "place-list" }, listSummary, list);
  const credit = html("p", { class: "map-credit" });
  credit.innerHTML =
    'Places: contains data from <a href="https://www.geonames.org/" rel="noopener">GeoNames</a> (www.geonames.org), ' +
    '<a href="https://creativecommons.org/licenses/by/4.0/" rel="noopener license">CC BY 4.0</a>. ' +
    'Map: <a href="https://www.naturalearthdata.com/" rel="noopener">Natural Earth</a> via ' +
    '<a href="https://github.com/topojson/world-atlas" rel="noopener">world-atlas</a>.';
  card.append(h, figure, listBox, credit);
  container.prepend(card);

  let gen = 0;
  let root = null; // <svg>
  let layers = null; // {land, leaders, markers, labels, ring}
  let places = []; // [{e, i, wx, wy, n, label, g}] largest first
  let markers = new Map(); // entity index -> place
  let selected = null;
  let box = null, extent = null; // viewBox and world extent, in viewBox units
  let view = { k: 1, x: 0, y: 0 };
  let hintTimer = 0;

  /** viewBox units per CSS pixel. */
  const unit = () => box.w / (root?.getBoundingClientRect().width || 320);

  function fitted() {
    const u = unit();
    return fitView(places.map((p) => [p.wx, p.wy]), box, extent, 22 * u);
  }

  let frame = 0;
  /** Moves the view; `defer` draws at the next frame (pointer and wheel gestures fire faster than frames). */
  function setView(v, { defer = false } = {}) {
    if (!box) return;
    hideTip();
    view = clampView(v, box, extent);
    if (!defer) {
      cancelAnimationFrame(frame);
      frame = 0;
      layout();
    } else if (!frame) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        layout();
      });
    }
  }
  function zoomBy(f, sx = box.x + box.w / 2, sy = box.y + box.h / 2, opts) {
    if (box) setView(zoomAt(view, f, sx, sy, box, extent), opts);
  }

  /** Draws land, markers, leader lines and labels for the current view. */
  function layout() {
    if (!root) return;
    const { k, x, y } = view;
    const u = unit();
    layers.land.setAttribute("transform", `translate(${x.toFixed(2)} ${y.toFixed(2)}) scale(${k.toFixed(4)})`);
    figure.classList.toggle("zoomed", k > 1.001);
    zoomIn.disabled = k >= K_MAX - 1e-6;
    zoomOut.disabled = k <= 1.001;
    // Screen positions; only markers whose place is in view are spread (and kept inside it).
    const near = [];
    for (const p of places) {
      p.sx = p.wx * k + x;
      p.sy = p.wy * k + y;
      p.r = p.rPx * u;
      p.px = p.sx;
      p.py = p.sy;
      // The SPREAD_MAX most mentioned (places are sorted so); more would be slow to settle and no clearer.
      if (near.length < SPREAD_MAX && p.sx >= box.x && p.sx <= box.x + box.w && p.sy >= box.y && p.sy <= box.y + box.h) near.push(p);
    }
    const moved = spread(
      near.map((p) => [p.sx, p.sy]),
      near.map((p) => p.r),
      { gap: 1.5 * u, bounds: { x: box.x + 2 * u, y: box.y + 2 * u, w: box.w - 4 * u, h: box.h - 4 * u }, iterations: near.length > 100 ? 60 : 120 },
    );
    near.forEach((p, j) => ([p.px, p.py] = moved[j]));
    const leaders = [];
    for (const p of places) {
      p.g.setAttribute("transform", `translate(${p.px.toFixed(2)} ${p.py.toFixed(2)})`);
      p.g.querySelector("circle.dot").setAttribute("r", p.r.toFixed(2));
      p.g.querySelector("circle.halo").setAttribute("r", (p.r + 2 * u).toFixed(2));
      if (Math.hypot(p.px - p.sx, p.py - p.sy) > p.r * 0.6) {
        leaders.push(svg("line", { x1: p.sx.toFixed(2), y1: p.sy.toFixed(2), x2: p.px.toFixed(2), y2: p.py.toFixed(2) }));
        leaders.push(svg("circle", { cx: p.sx.toFixed(2), cy: p.sy.toFixed(2), r: (1.6 * u).toFixed(2) }));
      }
    }
    layers.leaders.replaceChildren(...leaders);
    drawLabels(u);
    drawRing();
  }

  /** Names of the biggest places, right (or left) of their marker where they collide with nothing drawn. */
  function drawLabels(u) {
    const taken = places.map((p) => ({ x0: p.px - p.r, y0: p.py - p.r, x1: p.px + p.r, y1: p.py + p.r, p }));
    const out = [];
    const fontPx = 11;
    const inView = (b) => b.x0 >= box.x && b.x1 <= box.x + box.w && b.y0 >= box.y && b.y1 <= box.y + box.h;
    // The zoom buttons (top right) are no place for a name.
    const cb = controls.getBoundingClientRect(), fb = root.getBoundingClientRect();
    taken.push({ x0: box.x + (cb.left - fb.left - 4) * u, y0: box.y, x1: box.x + box.w, y1: box.y + (cb.bottom - fb.top + 4) * u, p: null });
    // The three most mentioned places may have their name over smaller markers (never over a name).
    const hits = (b, self, rank) => taken.some((t) => t.p !== self && (rank >= 3 || !t.p || t.p.n >= self.n) && b.x0 < t.x1 && b.x1 > t.x0 && b.y0 < t.y1 && b.y1 > t.y0);
    for (const [rank, p] of places.entries()) {
      if (out.length >= LABELS) break;
      if (p.sx < box.x || p.sx > box.x + box.w || p.sy < box.y || p.sy > box.y + box.h) continue;
      const w = p.short.length * fontPx * 0.66 * u, hgt = fontPx * 1.15 * u, pad = 3 * u;
      // Right, left, above, below the marker: [x of the text anchor, anchor, box left, box centre y].
      const spots = [
        [p.px + p.r + pad, "start", p.px + p.r + pad, p.py],
        [p.px - p.r - pad, "end", p.px - p.r - pad - w, p.py],
        [p.px, "middle", p.px - w / 2, p.py - p.r - pad - hgt / 2],
        [p.px, "middle", p.px - w / 2, p.py + p.r + pad + hgt / 2],
      ];
      for (const [tx, anchor, x0, cy] of spots) {
        const b = { x0, y0: cy - hgt / 2, x1: x0 + w, y1: cy + hgt / 2, p };
        if (!inView(b) || hits(b, p, rank)) continue;
        taken.push({ ...b, p: null });
        const t = svg("text", { x: tx.toFixed(2), y: cy.toFixed(2), "font-size": (fontPx * u).toFixed(2), "text-anchor": anchor });
        t.textContent = p.short;
        out.push(t);
        break;
      }
    }
    layers.labels.replaceChildren(...out);
  }

  function drawRing() {
    const p = selected === null ? null : markers.get(selected);
    // A copy of the selected dot drawn above every marker (the marker itself stays in place: moving it would drop keyboard focus).
    layers.ring.replaceChildren(...(p ? [svg("circle", { r: p.r.toFixed(2), transform: p.g.getAttribute("transform") })] : []));
  }

  /** Pans so that place `p` is in view (zooming out if it must). */
  function reveal(p) {
    const sx = p.wx * view.k + view.x, sy = p.wy * view.k + view.y;
    const m = 0.1;
    if (sx > box.x + box.w * m && sx < box.x + box.w * (1 - m) && sy > box.y + box.h * m && sy < box.y + box.h * (1 - m)) return;
    setView({ k: view.k, x: box.x + box.w / 2 - p.wx * view.k, y: box.y + box.h / 2 - p.wy * view.k });
  }

  function select(entityIndex, { scroll = false } = {}) {
    if (selected !== null) markers.get(selected)?.g.classList.remove("selected", "pulse");
    for (const b of list.querySelectorAll("button.selected")) b.classList.remove("selected");
    selected = markers.has(entityIndex) ? entityIndex : null;
    const p = selected === null ? null : markers.get(selected);
    if (!p) {
      layers && drawRing();
      return;
    }
    p.g.classList.add("selected");
    p.item.classList.add("selected");
    reveal(p);
    drawRing();
    p.g.classList.remove("pulse");
    void p.g.getBBox();
    p.g.classList.add("pulse");
    if (scroll && !isInViewport(card)) card.scrollIntoView({ block: "nearest" });
  }

  function showTip(p, text = p.tip) {
    tip.textContent = text;
    tip.hidden = false;
    const fb = figure.getBoundingClientRect();
    const r = p.g.querySelector("circle.dot").getBoundingClientRect();
    const x = r.left + r.width / 2 - fb.left;
    tip.style.left = `${Math.max(4, Math.min(fb.width - tip.offsetWidth - 4, x - tip.offsetWidth / 2))}px`;
    const above = r.top - fb.top - tip.offsetHeight - 6;
    tip.style.top = `${above >= 0 ? above : r.bottom - fb.top + 6}px`; // below the marker if no room above
  }
  const hideTip = () => (tip.hidden = true);

  function hint(text) {
    tip.textContent = text;
    tip.hidden = false;
    tip.style.left = `${Math.max(4, (figure.clientWidth - tip.offsetWidth) / 2)}px`;
    tip.style.top = `${Math.max(4, (figure.clientHeight - tip.offsetHeight) / 2)}px`;
    clearTimeout(hintTimer);
    hintTimer = setTimeout(hideTip, 1500);
  }

  // A click on a place mention in the text marks its marker.
  output.addEventListener("click", (e) => {
    const mark = e.target.closest?.("mark.m[data-entity]");
    if (!mark) return;
    const i = Number(mark.dataset.entity);
    if (markers.has(i)) select(i, { scroll: true });
  });

  // Keyboard: + − 0 anywhere in the map, arrows pan.
  figure.addEventListener("keydown", (e) => {
    if (!box || e.ctrlKey || e.metaKey || e.altKey) return;
    const step = box.w / 6;
    const act = {
      "+": () => zoomBy(2), "=": () => zoomBy(2), "-": () => zoomBy(0.5), "0": () => setView(fitted()),
      ArrowLeft: () => setView(panBy(view, step, 0, box, extent)), ArrowRight: () => setView(panBy(view, -step, 0, box, extent)),
      ArrowUp: () => setView(panBy(view, 0, step, box, extent)), ArrowDown: () => setView(panBy(view, 0, -step, box, extent)),
    }[e.key];
    if (!act || (e.key.startsWith("Arrow") && view.k <= 1.001)) return;
    e.preventDefault();
    act();
  });

  // Wheel with Ctrl/⌘ (and trackpad pinch, which Chromium sends so) zooms; a plain wheel scrolls the page.
  figure.addEventListener(
    "wheel",
    (e) => {
      if (!root) return;
      if (!(e.ctrlKey || e.metaKey)) {
        if (Math.abs(e.deltaY) > 2) hint(`${navigator.platform?.startsWith("Mac") ? "⌘" : "Ctrl"} + scroll to zoom the map`);
        return;
      }
      e.preventDefault();
      const [sx, sy] = toSvg(e.clientX, e.clientY);
      zoomBy(Math.exp(-Math.max(-60, Math.min(60, e.deltaY)) * 0.012), sx, sy, { defer: true });
    },
    { passive: false },
  );

  /** Viewport point to viewBox units. */
  function toSvg(cx, cy) {
    const r = root.getBoundingClientRect();
    return [box.x + ((cx - r.left) / r.width) * box.w, box.y + ((cy - r.top) / r.height) * box.h];
  }

  // Drag to pan (mouse, pen, one finger once zoomed in); two pointers pinch.
  const pointers = new Map();
  let drag = null; // {x, y, view, moved}
  let pinch = null; // {d, view, mid}
  let swallowClick = false;
  figure.addEventListener("pointerdown", (e) => {
    if (!root || e.target.closest("button, .map-controls") || (e.pointerType === "mouse" && e.button !== 0)) return;
    pointers.set(e.pointerId, [e.clientX, e.clientY]);
    if (pointers.size === 1) drag = { x: e.clientX, y: e.clientY, view, moved: false, id: e.pointerId };
    else if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = { d: Math.hypot(a[0] - b[0], a[1] - b[1]) || 1, view, mid: toSvg((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) };
      drag = null;
    }
  });
  figure.addEventListener("pointermove", (e) => {
    if (!pointers.has(e.pointerId)) return;
    pointers.set(e.pointerId, [e.clientX, e.clientY]);
    if (pinch && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const f = Math.hypot(a[0] - b[0], a[1] - b[1]) / pinch.d;
      setView(zoomAt(pinch.view, f, pinch.mid[0], pinch.mid[1], box, extent), { defer: true });
      swallowClick = true;
      return;
    }
    if (!drag || drag.id !== e.pointerId) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      figure.setPointerCapture?.(e.pointerId);
      figure.classList.add("dragging");
    }
    const u = unit();
    setView(panBy(drag.view, dx * u, dy * u, box, extent), { defer: true });
  });
  const endPointer = (e) => {
    if (!pointers.delete(e.pointerId)) return;
    if (drag?.moved) swallowClick = true;
    if (pointers.size < 2) pinch = null;
    if (pointers.size === 0) drag = null;
    figure.classList.remove("dragging");
  };
  figure.addEventListener("pointerup", endPointer);
  figure.addEventListener("pointercancel", endPointer);
  // The click that ends a drag or pinch does not activate a marker.
  figure.addEventListener(
    "click",
    (e) => {
      if (!swallowClick) return;
      swallowClick = false;
      e.stopPropagation();
      e.preventDefault();
    },
    true,
  );

  new ResizeObserver(() => root && layout()).observe(figure);

  async function render(doc) {
    const my = ++gen;
    const found = [];
    doc.entities.forEach((e, i) => {
      const p = e.place;
      if (p && Number.isFinite(p.lat) && Number.isFinite(p.lon)) found.push({ e, i, p });
    });
    markers = new Map();
    selected = null;
    hideTip();
    if (found.length === 0) {
      card.hidden = true;
      root?.remove();
      root = null;
      list.replaceChildren();
      return;
    }
    let w;
    try {
      w = await loadWorld();
    } catch (err) {
      console.warn(err.message);
      return;
    }
    if (my !== gen) return;
    count.textContent = fmt.format(found.length);
    listSummary.textContent = `List of the ${found.length === 1 ? "place" : `${fmt.format(found.length)} places`}`;
    const [vx, vy, vw, vh] = w.viewBox;
    extent = { x: vx, y: vy, w: vw, h: vh };
    const bh = vw / ASPECT;
    box = { x: vx, y: vy + vh / 2 - bh / 2, w: vw, h: bh };
    const s = svg("svg", {
      viewBox: `${box.x} ${box.y.toFixed(2)} ${box.w} ${box.h.toFixed(2)}`,
      role: "group",
      "aria-label": `Map with ${found.length} places. Plus and minus keys zoom, zero shows all places, arrow keys pan.`,
      class: "world",
    });
    const land = svg("g", { class: "land", "aria-hidden": "true" });
    for (const c of w.countries) {
      const path = svg("path", { d: c.d });
      path.dataset.name = c.name;
      land.append(path);
    }
    layers = {
      land,
      leaders: svg("g", { class: "leaders", "aria-hidden": "true" }),
      markers: svg("g", { class: "markers" }),
      labels: svg("g", { class: "labels", "aria-hidden": "true" }),
      ring: svg("g", { class: "selection", "aria-hidden": "true" }),
    };
    s.append(land, layers.leaders, layers.markers, layers.labels, layers.ring);
    const max = Math.max(...found.map((x) => x.e.mentions.length));
    const rMax = found.length > 40 ? 7 : found.length > 15 ? 8.5 : 10; // px: smaller markers when there are many
    // Largest first, so small markers stay clickable on top of big ones.
    found.sort((a, b) => b.e.mentions.length - a.e.mentions.length || a.i - b.i);
    const items = [];
    places = found.map(({ e, i, p }) => {
      const [wx, wy] = project(w.projection, p.lon, p.lat);
      const n = e.mentions.length;
      const label = `${e.name}: ${n === 1 ? "1 mention" : `${fmt.format(n)} mentions`}`;
      const where = [p.kind, p.country].filter(Boolean).join(", ");
      const g = svg("g", { class: "marker", tabindex: "0", role: "button", "aria-label": label });
      g.dataset.entity = String(i);
      const title = svg("title");
      title.textContent = label;
      g.append(title, svg("circle", { class: "halo" }), svg("circle", { class: "dot" }));
      const item = html("button", { type: "button", class: "item", title: `Show ${e.name} on the map and in the text` }, html("span", { class: "item-name" }, e.name), html("span", { class: "item-meta" }, where), html("span", { class: "badge" }, `×${n}`));
      item.dataset.entity = String(i);
      items.push(html("li", {}, item));
      const place = { e, i, wx, wy, n, tip: label, short: shortName(p.name || e.name), g, item, rPx: 3 + (rMax - 3) * Math.sqrt(n / max) };
      const activate = () => {
        select(i);
        onSelect(e);
      };
      g.addEventListener("click", activate);
      g.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          activate();
        }
      });
      item.addEventListener("click", () => {
        activate();
        showTip(place);
      });
      g.addEventListener("pointerenter", () => showTip(place));
      g.addEventListener("pointerleave", hideTip);
      g.addEventListener("focus", () => showTip(place));
      g.addEventListener("blur", hideTip);
      markers.set(i, place);
      layers.markers.append(g);
      return place;
    });
    list.replaceChildren(...items);
    root?.remove();
    root = s;
    figure.prepend(s);
    card.hidden = false;
    view = fitted();
    layout();
  }

  return { render, select };
}

/** A place's name for a label on the map: the gazetteer's name ("France" for "French"), cut at 18 characters. */
function shortName(name) {
  return name.length > 18 ? `${name.slice(0, 17)}…` : name;
}

function fitIcon() {
  const s = svg("svg", { viewBox: "0 0 16 16", width: "14", height: "14", "aria-hidden": "true" });
  s.append(svg("path", { d: "M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4", fill: "none", stroke: "currentColor", "stroke-width": "1.8" }));
  return s;
}

function isInViewport(node) {
  const r = node.getBoundingClientRect();
  return r.bottom > 0 && r.top < innerHeight;
}
