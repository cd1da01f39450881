// The map panel: an offline world map (country outlines pre-projected at build
// time by scripts/vendor-map.mjs into vendor/world.json) with one marker per
// place entity, sized by its mentions. Clicking a marker shows the entity's
// mentions in the text; clicking a place mention in the text marks its marker.

const SVG = "http://www.w3.org/2000/svg";
const WORLD_URL = new URL("vendor/world.json", import.meta.url);

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
  const card = document.createElement("section");
  card.className = "card map-card";
  card.id = "map-card";
  card.hidden = true;
  card.setAttribute("aria-labelledby", "map-h");
  const h = document.createElement("h2");
  h.id = "map-h";
  h.append("Map ");
  const count = document.createElement("span");
  count.className = "badge";
  count.id = "place-count";
  h.append(count);
  const figure = document.createElement("div");
  figure.className = "map";
  const tip = document.createElement("div");
  tip.className = "map-tip";
  tip.setAttribute("role", "status");
  tip.hidden = true;
  figure.append(tip);
  const credit = document.createElement("p");
  credit.className = "map-credit";
  credit.innerHTML =
    'Places: contains data from <a href="https://www.geonames.org/" rel="noopener">GeoNames</a> (www.geonames.org), ' +
    '<a href="https://creativecommons.org/licenses/by/4.0/" rel="noopener license">CC BY 4.0</a>. ' +
    'Map: <a href="https://www.naturalearthdata.com/" rel="noopener">Natural Earth</a> via ' +
    '<a href="https://github.com/topojson/world-atlas" rel="noopener">world-atlas</a>.';
  card.append(h, figure, credit);
  container.prepend(card);

  let root = null; // <svg>
  let markers = new Map(); // entity index -> <g>
  let gen = 0;
  let selected = null;
  let ring = null; // <g> above the markers showing the selected one

  function select(entityIndex, { scroll = false } = {}) {
    if (selected !== null) {
      const old = markers.get(selected);
      old?.classList.remove("selected", "pulse");
    }
    selected = markers.has(entityIndex) ? entityIndex : null;
    const g = selected === null ? null : markers.get(selected);
    if (!g) return;
    g.classList.add("selected");
    // A copy of its dot drawn above every marker (the marker itself stays in place: moving it would drop keyboard focus).
    ring?.replaceChildren(svg("circle", { r: g.querySelector("circle.dot").getAttribute("r"), transform: g.getAttribute("transform") }));
    g.classList.remove("pulse");
    void g.getBBox();
    g.classList.add("pulse");
    if (scroll && !isInViewport(card)) card.scrollIntoView({ block: "nearest" });
  }

  function showTip(g) {
    tip.textContent = g.dataset.tip;
    tip.hidden = false;
    const box = figure.getBoundingClientRect();
    const r = g.querySelector("circle.dot").getBoundingClientRect();
    const x = r.left + r.width / 2 - box.left;
    tip.style.left = `${Math.max(4, Math.min(box.width - tip.offsetWidth - 4, x - tip.offsetWidth / 2))}px`;
    const above = r.top - box.top - tip.offsetHeight - 6;
    tip.style.top = `${above >= 0 ? above : r.bottom - box.top + 6}px`; // below the marker if no room above
  }
  const hideTip = () => (tip.hidden = true);

  // A click on a place mention in the text marks its marker.
  output.addEventListener("click", (e) => {
    const mark = e.target.closest?.("mark.m[data-entity]");
    if (!mark) return;
    const i = Number(mark.dataset.entity);
    if (markers.has(i)) select(i, { scroll: true });
  });

  async function render(doc) {
    const my = ++gen;
    const places = [];
    doc.entities.forEach((e, i) => {
      const p = e.place;
      if (p && Number.isFinite(p.lat) && Number.isFinite(p.lon)) places.push({ e, i, p });
    });
    markers = new Map();
    selected = null;
    ring?.replaceChildren();
    hideTip();
    if (places.length === 0) {
      card.hidden = true;
      root?.remove();
      root = null;
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
    count.textContent = fmt.format(places.length);
    const [vx, vy, vw, vh] = w.viewBox;
    const s = svg("svg", { viewBox: `${vx} ${vy} ${vw} ${vh}`, role: "group", "aria-label": `World map with ${places.length} places`, class: "world" });
    const land = svg("g", { class: "land", "aria-hidden": "true" });
    for (const c of w.countries) {
      const path = svg("path", { d: c.d });
      path.dataset.name = c.name;
      land.append(path);
    }
    s.append(land);
    const dots = svg("g", { class: "markers" });
    const max = Math.max(...places.map((x) => x.e.mentions.length));
    // Largest first, so small markers stay clickable on top of big ones.
    places.sort((a, b) => b.e.mentions.length - a.e.mentions.length || a.i - b.i);
    for (const { e, i, p } of places) {
      const [x, y] = project(w.projection, p.lon, p.lat);
      const n = e.mentions.length;
      const r = (vw / 320) * (2.5 + 8 * Math.sqrt(n / max)); // ~2.5-10.5 px in the side column
      const label = `${e.name}: ${n === 1 ? "1 mention" : `${fmt.format(n)} mentions`}`;
      const g = svg("g", { class: "marker", tabindex: "0", role: "button", "aria-label": label, transform: `translate(${x.toFixed(1)} ${y.toFixed(1)})` });
      g.dataset.entity = String(i);
      g.dataset.tip = label;
      const title = svg("title");
      title.textContent = label;
      g.append(title, svg("circle", { class: "halo", r: (r + vw / 160).toFixed(1) }), svg("circle", { class: "dot", r: r.toFixed(1) }));
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
      g.addEventListener("pointerenter", () => showTip(g));
      g.addEventListener("pointerleave", hideTip);
      g.addEventListener("focus", () => showTip(g));
      g.addEventListener("blur", hideTip);
      markers.set(i, g);
      dots.append(g);
    }
    ring = svg("g", { class: "selection", "aria-hidden": "true" });
    s.append(dots, ring);
    root?.remove();
    root = s;
    figure.prepend(s);
    card.hidden = false;
  }

  return { render, select };
}

function isInViewport(node) {
  const r = node.getBoundingClientRect();
  return r.bottom > 0 && r.top < innerHeight;
}
