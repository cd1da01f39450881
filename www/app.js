// The demo page: paste, annotate (in a worker), highlight, list, export.
// Everything the user pastes is rendered as text nodes only (never innerHTML).

import { createAnnotator, createWorkerAnnotator } from "../embed/annotator.js";
import { createMap } from "./map.js";
import { createHtmlView, highlightsSupported, pasteMode } from "./html-view.js";

const LABELS = [
  { id: "PER", name: "Person", plural: "People" },
  { id: "ORG", name: "Organisation", plural: "Organisations" },
  { id: "LOC", name: "Place", plural: "Places" },
  { id: "MISC", name: "Other", plural: "Other names" },
];
const QUOTE_LAYER = "QUOTE";
const HIGHLIGHT_QUOTES = "aa-quote";
const HIGHLIGHT_FLASH = "aa-flash";
/** Mentions scored under this (the model's calibrated chance of being right)
 *  are drawn dashed with a "?" and their entities dimmed: more likely wrong than
 *  right. The core's HTML report uses the same bound (`Mention::UNSURE_BELOW`). */
const UNSURE = 0.5;
const isUnsure = (m) => m.score < UNSURE;
const DEBOUNCE_MS = 350;

const SAMPLE = {
  url: new URL("sample/new-zealand.txt", import.meta.url),
  title: "New Zealand",
  href: "https://en.wikipedia.org/wiki/New_Zealand",
  licence: "CC BY-SA 3.0",
  licenceHref: "https://creativecommons.org/licenses/by-sa/3.0/",
};

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  // Arrays of children are appended one by one (no argument spread, whatever their length).
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
};
const fragment = (nodes) => {
  const f = document.createDocumentFragment();
  for (const n of nodes) f.append(n);
  return f;
};

const ui = {
  text: $("text"),
  annotate: $("annotate"),
  live: $("live"),
  status: $("status"),
  stats: $("stats"),
  legend: $("legend"),
  output: $("output"),
  entities: $("entities"),
  entityCount: $("entity-count"),
  quotes: $("quotes"),
  quoteCount: $("quote-count"),
  download: $("export-download"),
  copy: $("export-copy"),
  format: $("export-format"),
  version: $("version"),
};

const map = createMap({ container: document.querySelector("aside.side"), output: ui.output, onSelect: (e) => showEntity(e) });

// Pasted rich text: a formatted view (sanitized HTML, highlights from the anchors) next to the plain one.
const htmlOut = el("div", { id: "html-output", class: "doc html-doc", tabindex: "0", "aria-label": "Annotated article, formatted", hidden: "" });
const viewToggle = el("button", { type: "button", id: "view-toggle", class: "ghost", hidden: "", "aria-pressed": "true", onclick: () => setFormatted(!htmlView.active) }, "Formatted");
ui.output.before(el("div", { class: "view-bar" }, viewToggle));
ui.output.after(htmlOut);
const htmlView = createHtmlView({ container: htmlOut, labels: LABELS });

// A mention in the formatted view marks its place on the map, as a <mark> in the plain view does
// (map.js). The view has no mention elements: the click point is hit-tested against the highlight
// ranges. Keyboard: with a caret in the view (caret browsing, F7) or a selection, Enter does the same.
function markMentionOnMap(i) {
  const m = state.doc?.mentions[i];
  if (m) map.select(m.entity, { scroll: true });
}
htmlOut.addEventListener("click", (e) => {
  if (!htmlView.active || getSelection()?.isCollapsed === false) return; // a drag that selected text
  const i = htmlView.mentionAt(e.clientX, e.clientY);
  if (i >= 0) markMentionOnMap(i);
});
htmlOut.addEventListener("keydown", (e) => {
  if (e.key !== "Enter" || !htmlView.active) return;
  const sel = getSelection();
  if (!sel?.rangeCount || !htmlOut.contains(sel.focusNode)) return;
  const i = htmlView.mentionAtPoint(sel.focusNode, sel.focusOffset);
  if (i >= 0) {
    e.preventDefault();
    markMentionOnMap(i);
  }
});

const state = {
  pastedHtml: null, // rich text pasted into the box, annotated as HTML until the box is edited
  annotator: null,
  doc: null,
  hidden: new Set(),
  renderGen: 0, // id of the latest render; older batched renders stop
  busy: false, // a request is in flight
  again: false, // the text changed meanwhile: annotate once more when it returns
  textNodes: [], // [{start, node}] in text order, to map offsets to DOM positions
  marks: [], // mention index -> <mark> (or undefined if not drawn)
  quoteRanges: [],
};

function setStatus(message, kind = "info") {
  ui.status.textContent = message;
  ui.status.dataset.kind = kind;
}

const fmt = new Intl.NumberFormat("en");
const plural = (n, one, many = `${one}s`) => `${fmt.format(n)} ${n === 1 ? one : many}`;
const wordCount = (s) => (s.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? []).length;

// ---------------------------------------------------------------- annotate

/**
 * Annotates the text box. At most one request is in flight: edits made
 * meanwhile are coalesced into one follow-up request, so fast typing in a
 * long text never queues up work in the worker.
 */
async function annotateNow() {
  if (!state.annotator) return;
  if (state.busy) {
    state.again = true;
    return;
  }
  state.busy = true;
  state.again = false;
  const text = ui.text.value;
  const html = state.pastedHtml;
  setStatus("Annotating…", "busy");
  ui.annotate.setAttribute("aria-busy", "true");
  const t0 = performance.now();
  try {
    const doc = html !== null ? await state.annotator.annotateHtml(html, { mode: pasteMode(html) }) : await state.annotator.annotate(text);
    if (!state.again) {
      if (html !== null) ui.text.value = doc.text; // the box shows the extracted text; editing it goes back to plain text
      render(doc, html);
      const ms = performance.now() - t0;
      const what = html !== null ? plural(html.length, "character") + " of HTML" : plural(text.length, "character");
      setStatus(`Annotated ${what} in ${fmt.format(Math.round(ms))} ms.`, "ok");
    }
  } catch (e) {
    if (!state.again) setStatus(e.message, "error");
  } finally {
    state.busy = false;
    ui.annotate.removeAttribute("aria-busy");
  }
  if (state.again) await annotateNow(); // the text changed while we worked
}

let timer = 0;
function scheduleAnnotate() {
  clearTimeout(timer);
  if (!ui.live.checked) return;
  timer = setTimeout(annotateNow, DEBOUNCE_MS);
}

// ---------------------------------------------------------------- render

function render(doc, html = null) {
  state.doc = doc;
  document.body.dataset.annotated = "true";
  if (html !== null) htmlView.render(html, doc);
  else htmlView.clear();
  renderText(doc); // draws a whole article at once, longer texts in batches
  setFormatted(html !== null && highlightsSupported());
  viewToggle.hidden = html === null;
  renderLegend(doc);
  renderEntities(doc);
  renderQuotes(doc);
  map.render(doc);
  applyVisibility();
  const paragraphs = doc.text.split(/\n\s*\n/).filter((p) => p.trim()).length;
  ui.stats.textContent = [
    plural(paragraphs, "paragraph"),
    plural(doc.sentences.length, "sentence"),
    plural(doc.mentions.length, "mention"),
    plural(doc.quotes.length, "quote"),
  ].join(" · ");
  // Nothing to export from an empty box.
  const empty = doc.text.trim() === "";
  ui.download.disabled = empty;
  ui.copy.disabled = empty;
  ui.format.disabled = empty;
  // The sample's credit stays only while the box holds the sample.
  if (sampleText !== null && doc.text !== sampleText) {
    $("sample-credit").replaceChildren();
    sampleText = null;
  }
}

const CHUNK = 4000; // characters per rendered block, at least

/**
 * Where to start a new block: after a line break, every CHUNK characters or
 * more, never inside a mention. Blocks let the browser skip layout of text
 * that is off screen (content-visibility), so a 10 MB text does not freeze it.
 */
function chunkBounds(text, mentions) {
  const bounds = [];
  let from = 0;
  let mi = 0;
  for (;;) {
    const nl = text.indexOf("\n", from + CHUNK);
    if (nl < 0) break;
    let b = nl + 1;
    for (;;) {
      while (mi < mentions.length && mentions[mi].end <= b) mi++;
      if (!(mi < mentions.length && mentions[mi].start < b)) break;
      // b would split a mention: take the first line break after it instead.
      const next = text.indexOf("\n", mentions[mi].end);
      b = next < 0 ? text.length : next + 1;
    }
    if (b >= text.length) break;
    bounds.push(b);
    from = b;
  }
  bounds.push(Infinity);
  return bounds;
}

/** Which mentions get a highlight: non-empty, in bounds, not overlapping an earlier drawn one. */
function drawable(doc) {
  const ok = new Array(doc.mentions.length).fill(false);
  let pos = 0;
  doc.mentions.forEach((m, i) => {
    if (m.start >= pos && m.end > m.start && m.end <= doc.text.length) {
      ok[i] = true;
      pos = m.end;
    }
  });
  return ok;
}

const MARKS_PER_BATCH = 4000;
const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Draws the text with one <mark> per mention; quotes are a separate highlight
 * layer, drawn once all text is in. The first MARKS_PER_BATCH mentions are
 * drawn at once (a whole article); longer documents continue in batches
 * between which the page stays responsive. A newer render abandons an older one.
 */
async function renderText(doc) {
  const gen = ++state.renderGen;
  const { text, mentions, entities } = doc;
  state.textNodes = [];
  state.marks = [];
  state.quoteRanges = []; // until all text is in
  const ok = drawable(doc);
  const drawn = mentions.filter((_, i) => ok[i]);
  const bounds = chunkBounds(text, drawn);
  const out = ui.output;
  out.replaceChildren();
  ui.output.dataset.rendering = "true";
  let bi = 0;
  let chunk = null;
  const newChunk = () => {
    chunk = el("div", { class: "chunk" });
    out.append(chunk);
  };
  const advance = (pos) => {
    while (bounds[bi] <= pos) {
      bi++;
      newChunk();
    }
  };
  const textNode = (parent, start, end) => {
    const node = document.createTextNode(text.slice(start, end));
    state.textNodes.push({ start, node });
    parent.append(node);
  };
  const addText = (start, end) => {
    while (start < end) {
      advance(start);
      const stop = Math.min(end, bounds[bi]);
      textNode(chunk, start, stop);
      start = stop;
    }
  };
  newChunk();
  let pos = 0;
  let batch = 0;
  for (let i = 0; i < mentions.length; i++) {
    if (!ok[i]) continue;
    if (++batch > MARKS_PER_BATCH) {
      batch = 0;
      await nextFrame();
      if (gen !== state.renderGen) return; // a newer document is being drawn
    }
    const m = mentions[i];
    addText(pos, m.start);
    advance(m.start);
    const entity = entities[m.entity];
    // Plain DOM calls: this runs once per mention (100,000s for a 10 MB text).
    const mark = document.createElement("mark");
    mark.className = isUnsure(m) ? "m unsure" : "m";
    mark.title =
      `${labelName(m.label)}: ${entity ? entity.name : m.text} (score ${m.score})` +
      (isUnsure(m) ? " — the model is unsure" : "");
    mark.setAttribute("data-label", m.label);
    mark.setAttribute("data-entity", m.entity);
    mark.setAttribute("data-mention", i);
    textNode(mark, m.start, m.end);
    chunk.append(mark);
    state.marks[i] = mark;
    pos = m.end;
  }
  addText(pos, text.length);
  if (text.length === 0) chunk.append(el("span", { class: "empty" }, "Nothing to annotate yet: paste an article above."));
  delete ui.output.dataset.rendering;
  drawQuoteLayer(doc);
  applyVisibility();
}

/** DOM position of a UTF-16 offset into the rendered text. */
function domPoint(offset) {
  const nodes = state.textNodes;
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (nodes[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const n = nodes[lo];
  return n ? { node: n.node, offset: Math.min(offset - n.start, n.node.length) } : null;
}

function rangeOf(start, end) {
  const a = domPoint(start);
  const b = domPoint(end);
  if (!a || !b) return null;
  const r = document.createRange();
  r.setStart(a.node, a.offset);
  r.setEnd(b.node, b.offset);
  return r;
}

/** One Highlight holding every quote range (added one by one: a spread of 100,000 ranges would overflow the stack). */
function quoteHighlight() {
  const h = new Highlight();
  for (const r of htmlView.active ? htmlView.quoteRanges : state.quoteRanges) if (r) h.add(r);
  return h;
}

/** Shows the formatted view of pasted HTML (true) or the plain extracted text (false). */
function setFormatted(on) {
  htmlView.active = on && htmlView.html !== null;
  htmlOut.hidden = !htmlView.active;
  ui.output.hidden = htmlView.active;
  viewToggle.textContent = htmlView.active ? "Formatted" : "Plain text";
  viewToggle.setAttribute("aria-pressed", String(htmlView.active));
  viewToggle.title = htmlView.active ? "Showing the formatted article: show the plain extracted text" : "Showing the plain extracted text: show the formatted article";
  if (state.doc) applyVisibility();
}

function drawQuoteLayer(doc) {
  state.quoteRanges = doc.quotes.map((q) => rangeOf(q.start, q.end));
  if (!("highlights" in CSS)) return; // quotes still listed in the panel
  CSS.highlights.set(HIGHLIGHT_QUOTES, quoteHighlight());
}

const LABEL_NAMES = new Map(LABELS.map((l) => [l.id, l.name]));
function labelName(id) {
  return LABEL_NAMES.get(id) ?? id;
}

function renderLegend(doc) {
  const counts = Object.fromEntries(LABELS.map((l) => [l.id, 0]));
  const ok = drawable(doc);
  doc.mentions.forEach((m, i) => {
    if (ok[i]) counts[m.label] = (counts[m.label] ?? 0) + 1;
  });
  const chip = (id, name, count, extraClass) =>
    el(
      "button",
      {
        type: "button",
        class: `chip ${extraClass}`,
        "aria-pressed": String(!state.hidden.has(id)),
        dataset: { label: id },
        title: `Show or hide ${name.toLowerCase()} highlights`,
        onclick: () => toggleLabel(id),
      },
      el("span", { class: "swatch", "aria-hidden": "true" }),
      el("span", { class: "chip-name" }, name),
      el("span", { class: "chip-count" }, fmt.format(count)),
    );
  const unsure = doc.mentions.filter((m, i) => ok[i] && isUnsure(m)).length;
  ui.legend.replaceChildren(
    ...LABELS.map((l) => chip(l.id, l.name, counts[l.id], `l-${l.id}`)),
    chip(QUOTE_LAYER, "Quotes", doc.quotes.length, "l-QUOTE"),
    unsure > 0
      ? el(
          "span",
          { class: "legend-note", title: `Score under ${UNSURE}: the model thinks these are more likely wrong than right` },
          el("span", { class: "unsure-sample", "aria-hidden": "true" }, "?"),
          ` ${plural(unsure, "unsure mention")}`,
        )
      : "",
  );
}

function toggleLabel(id) {
  if (state.hidden.has(id)) state.hidden.delete(id);
  else state.hidden.add(id);
  for (const b of ui.legend.querySelectorAll("button.chip")) {
    b.setAttribute("aria-pressed", String(!state.hidden.has(b.dataset.label)));
  }
  applyVisibility();
}

function applyVisibility() {
  for (const l of LABELS) ui.output.classList.toggle(`hide-${l.id}`, state.hidden.has(l.id));
  ui.output.classList.toggle(`hide-${QUOTE_LAYER}`, state.hidden.has(QUOTE_LAYER));
  htmlView.drawLabels(state.hidden, state.doc, isUnsure);
  if ("highlights" in CSS && state.doc) {
    if (state.hidden.has(QUOTE_LAYER)) CSS.highlights.delete(HIGHLIGHT_QUOTES);
    else CSS.highlights.set(HIGHLIGHT_QUOTES, quoteHighlight());
  }
}

function renderEntities(doc) {
  ui.entityCount.textContent = fmt.format(doc.entities.length);
  if (doc.entities.length === 0) {
    ui.entities.replaceChildren(el("p", { class: "none" }, "No names found in this text."));
    return;
  }
  const groups = LABELS.map((l) => ({
    label: l,
    items: doc.entities.filter((e) => e.label === l.id).sort((a, b) => b.mentions.length - a.mentions.length || a.id - b.id),
  })).filter((g) => g.items.length > 0);
  ui.entities.replaceChildren(
    fragment(groups.map((g) =>
      el(
        "details",
        { class: `group l-${g.label.id}`, open: "" },
        el("summary", {}, el("span", { class: "swatch", "aria-hidden": "true" }), `${g.label.plural} `, el("span", { class: "badge" }, g.items.length)),
        el(
          "ul",
          { class: "items" },
          g.items.map((e) =>
            el(
              "li",
              {},
              el(
                "button",
                {
                  type: "button",
                  class: entityUnsure(doc, e) ? "item unsure" : "item",
                  dataset: { entity: String(e.id) },
                  title:
                    `Show the ${plural(e.mentions.length, "mention")} of ${e.name}` +
                    (entityUnsure(doc, e) ? " (the model is unsure of every one)" : ""),
                  onclick: () => showEntity(e),
                },
                el("span", { class: "item-name" }, e.name),
                e.place ? el("span", { class: "item-meta" }, [e.place.kind, e.place.country].filter(Boolean).join(", ")) : "",
                el("span", { class: "badge" }, `×${e.mentions.length}`),
              ),
            ),
          ),
        ),
      ),
    )),
  );
}

/** Whether the model is unsure of every mention of an entity. */
function entityUnsure(doc, e) {
  return e.mentions.length > 0 && e.mentions.every((i) => doc.mentions[i] && isUnsure(doc.mentions[i]));
}

/** Scrolls to an entity's first mention and flashes all of them. */
function showEntity(entity) {
  if (state.hidden.has(entity.label)) toggleLabel(entity.label);
  if (htmlView.active) {
    const ranges = htmlView.entityRanges(entity);
    if (ranges.length === 0) return;
    scrollToRange(ranges[0]);
    htmlView.flash(ranges);
    setStatus(`${entity.name}: ${plural(ranges.length, "mention")}.`, "ok");
    return;
  }
  const marks = entity.mentions.map((i) => state.marks[i]).filter(Boolean);
  if (marks.length === 0) return;
  marks[0].scrollIntoView({ block: "center", behavior: prefersReducedMotion() ? "auto" : "smooth" });
  for (const m of marks) {
    m.classList.remove("flash");
    void m.offsetWidth; // restart the animation
    m.classList.add("flash");
  }
  setStatus(`${entity.name}: ${plural(marks.length, "mention")}.`, "ok");
}

// Pronouns a speaker phrase can be when the text does not say who is meant.
const PRONOUNS = new Set(["he", "she", "they", "we", "i", "you", "it"]);

function speakerKey(doc, q) {
  if (q.entity !== null && doc.entities[q.entity]) return { key: `e${q.entity}`, name: doc.entities[q.entity].name };
  if (q.speaker) {
    const text = q.speaker.text;
    // A bare pronoun the text leaves unresolved is no one's name: say so.
    const name = PRONOUNS.has(text.toLowerCase()) ? `${text} (not identified)` : text;
    return { key: `s${text.toLowerCase()}`, name };
  }
  return { key: "none", name: "Unattributed" };
}

function renderQuotes(doc) {
  ui.quoteCount.textContent = fmt.format(doc.quotes.length);
  if (doc.quotes.length === 0) {
    ui.quotes.replaceChildren(el("p", { class: "none" }, "No quotes found in this text."));
    return;
  }
  const bySpeaker = new Map();
  doc.quotes.forEach((q, i) => {
    const { key, name } = speakerKey(doc, q);
    if (!bySpeaker.has(key)) bySpeaker.set(key, { name, quotes: [], count: 0, words: 0 });
    bySpeaker.get(key).quotes.push(i);
  });
  // A partial quote inside reported speech (`said Paris was “ready”`) is listed
  // too, but counted once: quotes and words of a speaker exclude nested entries.
  const nested = new Set();
  for (const g of bySpeaker.values()) {
    g.nested = 0;
    for (const i of g.quotes) {
      const q = doc.quotes[i];
      const inside = g.quotes.some((j) => j !== i && doc.quotes[j].start <= q.start && doc.quotes[j].end >= q.end && (doc.quotes[j].end - doc.quotes[j].start > q.end - q.start || j < i));
      if (inside) {
        nested.add(i);
        g.nested += 1;
        continue;
      }
      g.count += 1;
      g.words += wordCount(q.text);
    }
  }
  const groups = [...bySpeaker.values()].sort((a, b) => b.count - a.count || b.words - a.words);
  ui.quotes.replaceChildren(
    fragment(groups.map((g) =>
      el(
        "details",
        { class: "group speaker", open: "" },
        el(
          "summary",
          {},
          el("span", { class: "speaker-name" }, g.name),
          " ",
          el(
            "span",
            g.nested ? { class: "meta", title: "Quoted words inside a report of the same speaker are listed but counted once" } : { class: "meta" },
            `${plural(g.count, "quote")}, ${plural(g.words, "word")}${g.nested ? ` (+${fmt.format(g.nested)} inside them)` : ""}`,
          ),
        ),
        el(
          "ul",
          { class: "items" },
          g.quotes.map((i) => {
            const q = doc.quotes[i];
            return el(
              "li",
              nested.has(i) ? { class: "nested" } : {},
              el(
                "button",
                { type: "button", class: "item quote", dataset: { quote: String(i) }, onclick: () => showQuote(i) },
                el("span", { class: `kind kind-${q.kind}` }, q.kind),
                el("span", { class: "quote-text" }, q.text.length > 160 ? `${q.text.slice(0, 157)}…` : q.text),
              ),
            );
          }),
        ),
      ),
    )),
  );
}

function showQuote(i) {
  const range = (htmlView.active ? htmlView.quoteRanges : state.quoteRanges)[i];
  if (!range) return;
  if (state.hidden.has(QUOTE_LAYER)) toggleLabel(QUOTE_LAYER);
  scrollToRange(range);
  if ("highlights" in CSS) {
    CSS.highlights.set(HIGHLIGHT_FLASH, new Highlight(range));
    setTimeout(() => CSS.highlights.delete(HIGHLIGHT_FLASH), 1600);
  }
}

/** Brings a text range to the middle of the text box and of the window. */
function scrollToRange(range) {
  const out = htmlView.active ? htmlOut : ui.output;
  const r = range.getBoundingClientRect();
  const o = out.getBoundingClientRect();
  out.scrollTop += r.top - o.top - out.clientHeight / 2 + r.height / 2;
  const r2 = range.getBoundingClientRect();
  window.scrollBy({ top: r2.top - innerHeight / 2, behavior: prefersReducedMotion() ? "auto" : "smooth" });
}

const prefersReducedMotion = () => matchMedia("(prefers-reduced-motion: reduce)").matches;

// ---------------------------------------------------------------- export

/**
 * The document in the chosen export format: JSON of the document shown (the
 * default), or one of the core's export formats for the same text.
 */
async function exported() {
  const name = ui.format.value;
  if (!name) return { body: JSON.stringify(state.doc, null, 2), file: "annotations.json", type: "application/json", label: "JSON" };
  const f = state.annotator.exportFormats.find((x) => x.name === name);
  const body = await state.annotator.export(state.doc, name); // a pasted page's article title heads the report
  return { body, file: `annotations.${f.extension}`, type: f.mediaType, label: ui.format.selectedOptions[0].textContent };
}

async function download() {
  if (!state.doc) return;
  let out;
  try {
    out = await exported();
  } catch (e) {
    setStatus(`Export failed: ${e.message}`, "error");
    return;
  }
  const url = URL.createObjectURL(new Blob([out.body], { type: out.type }));
  const a = el("a", { href: url, download: out.file });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  setStatus(`Downloaded ${out.file}.`, "ok");
}

async function copy() {
  if (!state.doc) return;
  let out;
  try {
    out = await exported();
  } catch (e) {
    setStatus(`Export failed: ${e.message}`, "error");
    return;
  }
  try {
    await navigator.clipboard.writeText(out.body);
  } catch {
    // Clipboard API refused (permissions, insecure context): fall back to a selection copy.
    const ta = el("textarea", { class: "visually-hidden", "aria-hidden": "true" });
    ta.value = out.body;
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand("copy");
    ta.remove();
    if (!ok) {
      setStatus("Could not copy: the browser refused clipboard access. Use Download.", "error");
      return;
    }
  }
  setStatus(`Copied ${plural(out.body.length, "character")} of ${out.label}.`, "ok");
}

const FORMAT_LABELS = {
  "csv-mentions": "CSV: mentions",
  "csv-quotes": "CSV: quotes",
  html: "HTML report",
  webanno: "W3C Web Annotation",
  displacy: "displaCy JSON",
  markdown: "Markdown",
};

function fillFormats(formats) {
  for (const f of formats ?? []) {
    if (f.name === "json") continue; // the first option is the document JSON itself
    ui.format.append(el("option", { value: f.name }, FORMAT_LABELS[f.name] ?? f.name));
  }
}

// ---------------------------------------------------------------- start

/** The sample's text while its credit is shown, else null. */
let sampleText = null;

async function loadSample() {
  const res = await fetch(SAMPLE.url);
  if (!res.ok) throw new Error(`sample: HTTP ${res.status}`);
  ui.text.value = await res.text();
  const credit = $("sample-credit");
  sampleText = ui.text.value;
  credit.replaceChildren(
    "Sample: excerpt of ",
    el("a", { href: SAMPLE.href, rel: "noopener" }, `“${SAMPLE.title}”`),
    ", Wikipedia contributors, ",
    el("a", { href: SAMPLE.licenceHref, rel: "noopener license" }, SAMPLE.licence),
    ".",
  );
}

async function start() {
  ui.annotate.addEventListener("click", () => {
    clearTimeout(timer);
    annotateNow();
  });
  ui.text.addEventListener("input", () => {
    state.pastedHtml = null; // an edit: back to plain text
    scheduleAnnotate();
  });
  ui.text.addEventListener("paste", (e) => {
    const html = e.clipboardData?.getData("text/html");
    if (!html) return; // plain text: the box takes it as usual
    e.preventDefault();
    ui.text.value = e.clipboardData.getData("text/plain");
    state.pastedHtml = html;
    clearTimeout(timer);
    annotateNow();
  });
  ui.text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      clearTimeout(timer);
      annotateNow();
    }
  });
  ui.live.addEventListener("change", scheduleAnnotate);
  ui.download.addEventListener("click", download);
  ui.copy.addEventListener("click", copy);
  $("load-sample").addEventListener("click", async () => {
    await loadSample();
    state.pastedHtml = null;
    annotateNow();
  });
  $("clear").addEventListener("click", () => {
    ui.text.value = "";
    state.pastedHtml = null;
    ui.text.focus();
    annotateNow();
  });

  setStatus("Loading the annotator…", "busy");
  const [annotator] = await Promise.all([
    createWorkerAnnotator().catch((e) => {
      console.warn(`worker unavailable (${e.message}); annotating on the main thread`);
      return createAnnotator();
    }),
    loadSample().catch((e) => setStatus(`Could not load the sample: ${e.message}`, "error")),
  ]);
  state.annotator = annotator;
  fillFormats(annotator.exportFormats);
  ui.version.textContent = `v${annotator.version}`;
  $("limit").textContent = `${fmt.format(annotator.maxTextBytes / 2 ** 20)} MB`;
  document.body.dataset.ready = "true";
  await annotateNow();
}

start().catch((e) => setStatus(`The annotator could not start: ${e.message}`, "error"));
