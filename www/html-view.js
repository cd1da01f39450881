// The formatted view of pasted rich text: the pasted HTML parsed in an inert
// document (DOMParser: scripts never run there), rebuilt element by element
// through an allow-list (no attributes kept, links inert), with the mentions
// and quotes drawn from the core's anchors as CSS Custom Highlights, so the
// rebuilt DOM is never split by marks. Pasted markup is never assigned to innerHTML.

/** Elements rebuilt as themselves (without any attribute). */
const KEEP = new Set(
  ("p h1 h2 h3 h4 h5 h6 ul ol li blockquote em strong b i u s a br table thead tbody tfoot tr td th caption " +
    "figure figcaption pre code span div sup sub hr small mark q cite abbr time dl dt dd").split(" "),
);
/** Block containers rebuilt as a <div>. */
const AS_DIV = new Set("article section main header hgroup address details summary center".split(" "));
/** Elements dropped with everything inside them. */
const DROP = new Set(
  ("script style template noscript iframe frame frameset object embed applet img picture video audio source track " +
    "canvas svg math form input button select option optgroup textarea label fieldset legend dialog " +
    "head title meta link base").split(" "),
);
/** Page furniture: dropped from a whole page's article, kept (as a <div>) in a pasted selection. */
const PAGE_PARTS = new Set(["nav", "aside", "footer"]);
const SAFE_URL = /^(?:https?:|mailto:)/i;
const MAX_DEPTH = 200; // deeper nesting is flattened into the ancestor at this depth

/**
 * How pasted HTML is read: `"article"` for a whole page (a doctype or a
 * `<head>`), whose main article is kept and its menus, share bars and footers
 * dropped; `"text"` for a copied selection, which is kept whole (dropping a
 * `<div class="share">` or `<footer>` of a selection lost text the user chose).
 * Browsers wrap a copied selection in `<html><body><!--StartFragment-->…`.
 */
export function pasteMode(html) {
  if (/<!--\s*StartFragment\s*-->/i.test(html)) return "text";
  return /<!doctype\s+html|<head[\s>]/i.test(html) ? "article" : "text";
}

export const LABEL_HIGHLIGHT = (label) => `aa-m-${label}`;
const HIGHLIGHT_FLASH = "aa-flash";
/** Mentions the model is unsure of (see `drawLabels`). */
export const HIGHLIGHT_UNSURE = "aa-unsure";
const hasHighlights = () => typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function";

/**
 * Rebuilds `srcRoot`'s children under `dest` through the allow-list. Returns
 * the Map from each kept source text node to its copy.
 */
export function sanitizeInto(srcRoot, dest, { keepPageParts = false } = {}) {
  const clones = new Map();
  // Iterative walk (no recursion: 100,000-deep nesting must not overflow the stack).
  const stack = [{ src: srcRoot.firstChild, parent: dest, depth: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const node = top.src;
    if (!node) {
      stack.pop();
      continue;
    }
    top.src = node.nextSibling;
    if (node.nodeType === Node.TEXT_NODE) {
      const copy = document.createTextNode(node.data);
      clones.set(node, copy);
      top.parent.append(copy);
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue; // comments, processing instructions
    const tag = node.localName;
    if (node.namespaceURI !== "http://www.w3.org/1999/xhtml" || DROP.has(tag)) continue;
    if (PAGE_PARTS.has(tag) && !keepPageParts) continue;
    if (node.hasAttribute("hidden") || node.getAttribute("aria-hidden") === "true") continue;
    let out = null;
    if (top.depth < MAX_DEPTH) {
      if (KEEP.has(tag)) out = document.createElement(tag);
      else if (AS_DIV.has(tag) || PAGE_PARTS.has(tag)) out = document.createElement("div");
    }
    if (out && tag === "a") {
      // Inert: no href at all; the address is shown as a tooltip when it is a plain web or mail address.
      out.className = "inert-link";
      out.setAttribute("rel", "noopener noreferrer");
      const href = (node.getAttribute("href") ?? "").trim();
      if (SAFE_URL.test(href)) out.title = href.slice(0, 2000);
    }
    if (out && (tag === "td" || tag === "th")) {
      for (const name of ["colspan", "rowspan"]) {
        const v = Number.parseInt(node.getAttribute(name) ?? "", 10);
        if (v > 1 && v < 100) out.setAttribute(name, String(v));
      }
    }
    if (out) top.parent.append(out);
    // Unknown inline elements are unwrapped: their children go to the current parent.
    if (node.firstChild) stack.push({ src: node.firstChild, parent: out ?? top.parent, depth: top.depth + (out ? 1 : 0) });
  }
  return clones;
}

/** The node at a `path` of child indices from the document element, or null. */
function nodeAt(srcDoc, path) {
  let node = srcDoc.documentElement;
  for (const i of path) {
    node = node?.childNodes[i];
    if (!node) return null;
  }
  return node;
}

/**
 * Article mode: the smallest element holding all the extracted text (from the
 * first and last sentence anchors), so the page around the article is not shown.
 */
function articleRoot(srcDoc, doc) {
  if (!doc.article || !doc.sentenceAnchors?.length) return null;
  const first = doc.sentenceAnchors.find((a) => a?.length)?.[0];
  const lastList = doc.sentenceAnchors.findLast((a) => a?.length);
  const last = lastList?.[lastList.length - 1];
  if (!first || !last) return null;
  const a = nodeAt(srcDoc, first.path);
  const b = nodeAt(srcDoc, last.path);
  if (!a || !b) return null;
  const up = new Set();
  for (let n = a; n; n = n.parentNode) up.add(n);
  let n = b;
  while (n && !up.has(n)) n = n.parentNode;
  if (!n || n.nodeType !== Node.ELEMENT_NODE) return n?.parentElement ?? null;
  return n === srcDoc.documentElement ? srcDoc.body : n;
}

/** A Range in the rebuilt DOM covering a span's anchors, or null when an anchor does not match or was dropped. */
function rangeOfAnchors(srcDoc, clones, anchors) {
  if (!anchors || anchors.length === 0) return null;
  const ends = [];
  for (const a of [anchors[0], anchors[anchors.length - 1]]) {
    const src = nodeAt(srcDoc, a.path);
    if (!src || src.nodeType !== Node.TEXT_NODE) return null;
    if (src.data.length !== a.len || !src.data.startsWith(a.check)) return null;
    const copy = clones.get(src);
    if (!copy) return null;
    ends.push({ node: copy, a });
  }
  const r = document.createRange();
  r.setStart(ends[0].node, ends[0].a.start);
  r.setEnd(ends[1].node, ends[1].a.end);
  return r;
}

/**
 * The formatted view: `container` is an element the page shows instead of
 * the plain-text view when `active`. `render(html, doc)` rebuilds it;
 * `clear()` forgets it (plain-text input).
 */
export function createHtmlView({ container, labels }) {
  const view = {
    html: null, // the pasted HTML being shown, or null
    active: false, // the formatted view is the one on screen
    mentionRanges: [], // mention index -> Range | null
    quoteRanges: [], // quote index -> Range | null
    metaEl: null,

    render(html, doc) {
      this.html = html;
      const srcDoc = new DOMParser().parseFromString(html, "text/html");
      const body = document.createElement("div");
      body.className = "html-body";
      // Text mode (no article metadata): the core kept every part of the selection, so the view does too.
      const keepPageParts = !doc.article;
      const clones = sanitizeInto(articleRoot(srcDoc, doc) ?? srcDoc.body ?? srcDoc.documentElement, body, { keepPageParts });
      this.mentionRanges = doc.mentions.map((m) => rangeOfAnchors(srcDoc, clones, m.anchors));
      this.quoteRanges = doc.quotes.map((q) => rangeOfAnchors(srcDoc, clones, q.anchors));
      const parts = [];
      const meta = doc.article;
      if (meta && (meta.title || meta.byline || meta.published)) {
        const box = document.createElement("div");
        box.className = "article-meta";
        if (meta.title) {
          const h = document.createElement("p");
          h.className = "article-title";
          h.textContent = meta.title;
          box.append(h);
        }
        const by = [meta.byline, meta.published].filter(Boolean).join(" · ");
        if (by) {
          const p = document.createElement("p");
          p.className = "article-byline";
          p.textContent = by;
          box.append(p);
        }
        parts.push(box);
      }
      parts.push(body);
      container.replaceChildren(...parts);
    },

    clear() {
      this.html = null;
      this.active = false;
      this.mentionRanges = [];
      this.quoteRanges = [];
      container.replaceChildren();
      this.drawLabels(new Set(), null);
    },

    /** Registers (or removes) one Highlight per label for the formatted view,
     *  and one (`aa-unsure`) over the shown mentions that `unsure(mention)` picks. */
    drawLabels(hidden, doc, unsure = () => false) {
      if (!hasHighlights()) return;
      const doubtful = new Highlight();
      for (const l of labels) {
        const name = LABEL_HIGHLIGHT(l.id);
        if (!this.active || !doc || hidden.has(l.id)) {
          CSS.highlights.delete(name);
          continue;
        }
        const h = new Highlight();
        doc.mentions.forEach((m, i) => {
          if (m.label !== l.id || !this.mentionRanges[i]) return;
          h.add(this.mentionRanges[i]);
          if (unsure(m)) doubtful.add(this.mentionRanges[i]);
        });
        CSS.highlights.set(name, h);
      }
      if (doubtful.size > 0) CSS.highlights.set(HIGHLIGHT_UNSURE, doubtful);
      else CSS.highlights.delete(HIGHLIGHT_UNSURE);
    },

    /** The ranges of an entity's mentions, in text order. */
    entityRanges(entity) {
      return entity.mentions.map((i) => this.mentionRanges[i]).filter(Boolean);
    },

    /**
     * The index of the mention drawn at viewport point (x, y), or -1. The
     * highlights are not DOM nodes, so the point is hit-tested: the caret
     * position under it picks the candidate ranges, and the point must fall
     * inside one of the candidate's line boxes (a click past the end of a
     * line is not on the mention the caret lands next to).
     */
    mentionAt(x, y) {
      const caret = caretAt(x, y);
      if (!caret || !container.contains(caret.node)) return -1;
      return this.mentionAtPoint(caret.node, caret.offset, (r) => [...r.getClientRects()].some((b) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom));
    },

    /** The index of the mention whose range holds DOM point (node, offset) and passes `accept`, or -1. */
    mentionAtPoint(node, offset, accept = () => true) {
      for (let i = 0; i < this.mentionRanges.length; i++) {
        const r = this.mentionRanges[i];
        if (r && r.isPointInRange(node, offset) && accept(r)) return i;
      }
      return -1;
    },

    flash(ranges) {
      if (!hasHighlights() || ranges.length === 0) return;
      const h = new Highlight();
      for (const r of ranges) h.add(r);
      CSS.highlights.set(HIGHLIGHT_FLASH, h);
      setTimeout(() => CSS.highlights.delete(HIGHLIGHT_FLASH), 1600);
    },
  };
  return view;
}

export const highlightsSupported = hasHighlights;

/** The DOM position under viewport point (x, y): {node, offset} or null. */
function caretAt(x, y) {
  if (document.caretPositionFromPoint) {
    const p = document.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = document.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}
