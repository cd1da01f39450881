// article-annotator — the one JavaScript entry point for browsers, workers and Node 20.
//
//   import { createAnnotator, createWorkerAnnotator } from "./embed/annotator.js";
//   const annotator = await createAnnotator();
//   const doc = annotator.annotate(text);          // schema v1, UTF-16 offsets
//   text.slice(doc.mentions[0].start, doc.mentions[0].end) === doc.mentions[0].text
//
// Types: ./annotator.d.ts. The wasm build is ../pkg/ (`make wasm`,
// wasm-bindgen --target web). Errors are always `Error` objects.

import init, {
  Annotator,
  exportFormats as wasmExportFormats,
  maxHtmlBytes,
  maxTextBytes,
  version as wasmVersion,
} from "../pkg/article_annotator.js";

const WASM_URL = new URL("../pkg/article_annotator_bg.wasm", import.meta.url);
const UNITS = new Set(["utf16", "codepoint", "utf8"]);

const isNode =
  typeof process !== "undefined" && process.versions != null && process.versions.node != null && typeof window === "undefined";

let ready = null;

/** Loads and instantiates the wasm module once per JS realm. */
function loadWasm(source) {
  if (ready) return ready;
  ready = (async () => {
    let input = source === undefined ? WASM_URL : source;
    if (isNode) {
      // Node's fetch reads no files: read a `file:` URL or a path ourselves.
      const fileUrl =
        input instanceof URL ? input.protocol === "file:" : typeof input === "string" && /^file:/i.test(input);
      const path = typeof input === "string" && (!/^[a-z][a-z0-9+.-]*:/i.test(input) || /^[a-z]:[\\/]/i.test(input));
      if (fileUrl || path) {
        const { readFile } = await import("node:fs/promises");
        input = await readFile(fileUrl ? new URL(input) : input);
      }
    }
    await init({ module_or_path: input });
  })();
  // A failed load may be retried (e.g. with another `wasm` option).
  ready.catch(() => {
    ready = null;
  });
  return ready;
}

/** Turns whatever was thrown into an `Error` with a useful message. */
function asError(e) {
  if (e instanceof Error) return e;
  return new Error(typeof e === "string" ? e : `article-annotator: ${String(e)}`);
}

/** UTF-8 length of a JS string, counting lone surrogates as U+FFFD (3 bytes), as TextEncoder does. */
function utf8Length(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * What `export()` annotates: a text, or a document returned by `annotate()` /
 * `annotateHtml()` (its `text` is re-annotated by the same deterministic
 * pipeline, and its article title used when no title is given).
 */
function exportSource(source, options) {
  if (typeof source === "string") return { text: source, options };
  if (source != null && typeof source === "object" && typeof source.text === "string") {
    const title = options?.title ?? source.article?.title ?? undefined;
    return { text: source.text, options: title === undefined ? options : { ...options, title } };
  }
  throw new TypeError(`export() expects a text or a document, got ${source === null ? "null" : typeof source}`);
}

/**
 * Throws a `RangeError` naming the limit when `text` is over `limit` bytes of
 * UTF-8. UTF-8 is never shorter than UTF-16, so only long texts need counting;
 * over the limit we refuse without copying the text into wasm memory.
 */
function checkSize(text, limit, what, advice) {
  if (text.length <= limit / 3) return;
  const size = utf8Length(text);
  if (size > limit) {
    throw new RangeError(`${what} is ${size} bytes of UTF-8, over the limit of ${limit} bytes (${limit >> 20} MB); ${advice}`);
  }
}

function checkOptions(options) {
  const offsets = options?.offsets ?? "utf16";
  if (!UNITS.has(offsets)) {
    throw new TypeError(`offsets must be "utf16", "codepoint" or "utf8", not ${JSON.stringify(offsets)}`);
  }
  return offsets;
}

/** Sets the `text` of `doc` and of its spans, left null by `annotateJsonWithoutTexts`. */
function fillTexts(doc, text) {
  const slice = (span) => {
    if (span) span.text = text.slice(span.start, span.end);
  };
  doc.text = text;
  for (const m of doc.mentions) slice(m);
  for (const q of doc.quotes) {
    slice(q);
    slice(q.speaker);
    slice(q.cue);
  }
}

class AnnotatorImpl {
  #inner;
  #limit;

  constructor(inner, limit) {
    this.#inner = inner;
    this.#limit = limit;
  }

  /** Largest accepted text, in UTF-8 bytes (10 MiB). */
  get maxTextBytes() {
    return this.#limit;
  }

  /** Crate and schema version, e.g. "0.1.0 (schema 1)". */
  get version() {
    return wasmVersion();
  }

  annotate(text, options) {
    if (typeof text !== "string") {
      throw new TypeError(`annotate() expects a string, got ${text === null ? "null" : typeof text}`);
    }
    const offsets = checkOptions(options);
    checkSize(text, this.#limit, "input", "split the document");
    if (this.#inner === null) throw new Error("annotator was disposed");
    // In UTF-16 offsets the texts of the document and of its spans are
    // slices of `text`: they come back as null and are filled in here, so
    // the longest strings neither cross the wasm boundary again nor go
    // through JSON.parse (the same document, key order included). Not for
    // text with lone surrogates, which the wasm side reads as U+FFFD.
    const fill = offsets === "utf16" && text.isWellFormed?.() === true;
    let json;
    try {
      json = fill ? this.#inner.annotateJsonWithoutTexts(text) : this.#inner.annotateJson(text, offsets);
    } catch (e) {
      throw asError(e);
    }
    const doc = JSON.parse(json);
    if (fill) fillTexts(doc, text);
    return doc;
  }

  /**
   * Annotates HTML (a fragment, or a whole page with `mode: "article"`): the
   * document's `text` is the extracted readable text; spans carry `anchors`
   * into the DOM text nodes; article mode adds `article` metadata.
   */
  annotateHtml(html, options) {
    if (typeof html !== "string") {
      throw new TypeError(`annotateHtml() expects a string, got ${html === null ? "null" : typeof html}`);
    }
    const offsets = checkOptions(options);
    checkSize(html, maxHtmlBytes(), "HTML input", "pass the article's HTML instead of the whole page");
    const mode = options?.mode ?? "text";
    return JSON.parse(this.#call((a) => a.annotateHtmlJson(html, JSON.stringify({ mode, offsets }))));
  }

  /**
   * Annotates `text` and returns it in an export format (a string): see
   * `exportFormats` for the names. Options: offsets, bom, pretty, title, url.
   */
  export(source, format, options) {
    const { text, options: opts } = exportSource(source, options ?? {});
    if (typeof format !== "string") throw new TypeError("export() needs a format name, e.g. \"csv-mentions\"");
    checkOptions(opts);
    return this.#call((a) => a.exportText(text, format, JSON.stringify(opts)));
  }

  /** The export formats: [{name, extension, mediaType}]. */
  get exportFormats() {
    return JSON.parse(wasmExportFormats());
  }

  /** Largest accepted HTML, in UTF-8 bytes. */
  get maxHtmlBytes() {
    return maxHtmlBytes();
  }

  #call(fn) {
    if (this.#inner === null) throw new Error("annotator was disposed");
    try {
      return fn(this.#inner);
    } catch (e) {
      throw asError(e);
    }
  }

  /** Frees the wasm-side annotator. Further calls throw. */
  dispose() {
    this.#inner?.free();
    this.#inner = null;
  }
}

/**
 * Loads the wasm module (once) and returns a synchronous annotator.
 * options.wasm: where to get the `.wasm` — URL, path string, Response,
 * BufferSource or WebAssembly.Module. Default: ../pkg/article_annotator_bg.wasm
 * next to this file (read from disk in Node, fetched in browsers).
 */
export async function createAnnotator(options = {}) {
  try {
    await loadWasm(options.wasm);
    return new AnnotatorImpl(new Annotator(), maxTextBytes());
  } catch (e) {
    throw asError(e);
  }
}

/**
 * The same interface, run in a Web Worker (a worker_threads Worker in Node),
 * so annotating never blocks the calling thread: `await annotator.annotate(text)`.
 * Calls are answered in order. `terminate()` stops the worker; pending calls reject.
 * If the worker dies (e.g. a wasm trap), pending calls reject and the next call
 * starts a fresh worker.
 */
export async function createWorkerAnnotator(options = {}) {
  const workerUrl = options.workerUrl ?? new URL("./worker.js", import.meta.url);
  const pending = new Map();
  let nextId = 1;
  let worker = null;
  let info = null;
  let terminated = false;

  const failAll = (err) => {
    for (const { reject } of pending.values()) reject(err);
    pending.clear();
  };

  const onMessage = (msg) => {
    const call = pending.get(msg.id);
    if (!call) return;
    pending.delete(msg.id);
    if (msg.fatal) {
      worker?.terminate();
      worker = null;
    }
    if (msg.error) {
      const Ctor = msg.error.name === "RangeError" ? RangeError : msg.error.name === "TypeError" ? TypeError : Error;
      const err = new Ctor(msg.error.message);
      call.reject(err);
    } else call.resolve(msg.result);
  };

  const onCrash = (reason) => {
    failAll(new Error(`annotator worker stopped: ${reason}`));
    worker?.terminate();
    worker = null;
  };

  async function spawn() {
    if (isNode) {
      const { Worker } = await import("node:worker_threads");
      const w = new Worker(workerUrl);
      w.on("message", onMessage);
      w.on("error", (e) => onCrash(e?.message ?? String(e)));
      w.on("exit", (code) => {
        if (worker === w && !terminated) onCrash(`exit code ${code}`);
      });
      w.unref?.();
      return {
        post: (m) => w.postMessage(m),
        terminate: () => w.terminate(),
        ref: () => w.ref?.(),
        unref: () => w.unref?.(),
      };
    }
    const w = new Worker(workerUrl, { type: "module", name: "article-annotator" });
    w.onmessage = (ev) => onMessage(ev.data);
    w.onerror = (ev) => {
      ev.preventDefault?.();
      onCrash(ev.message || "error in worker");
    };
    w.onmessageerror = () => onCrash("message could not be deserialized");
    return { post: (m) => w.postMessage(m), terminate: () => w.terminate(), ref() {}, unref() {} };
  }

  function call(type, payload) {
    if (terminated) return Promise.reject(new Error("annotator worker was terminated"));
    return (async () => {
      if (!worker) {
        worker = await spawn();
        // Tells the worker where the wasm is (URLs are sent as strings: they do not clone).
        worker.post({ id: 0, type: "init", wasm: options.wasm instanceof URL ? options.wasm.href : options.wasm });
      }
      const id = nextId++;
      const w = worker;
      const p = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
      w.ref();
      w.post({ id, type, ...payload });
      try {
        return await p;
      } finally {
        if (pending.size === 0) w.unref();
      }
    })();
  }

  info = await call("info", {});

  return {
    get maxTextBytes() {
      return info.maxTextBytes;
    },
    get version() {
      return info.version;
    },
    get maxHtmlBytes() {
      return info.maxHtmlBytes;
    },
    get exportFormats() {
      return info.exportFormats;
    },
    annotate(text, opts) {
      if (typeof text !== "string") {
        return Promise.reject(new TypeError(`annotate() expects a string, got ${text === null ? "null" : typeof text}`));
      }
      try {
        checkOptions(opts);
      } catch (e) {
        return Promise.reject(e);
      }
      return call("annotate", { text, offsets: opts?.offsets ?? "utf16" });
    },
    annotateHtml(html, opts) {
      if (typeof html !== "string") {
        return Promise.reject(new TypeError(`annotateHtml() expects a string, got ${html === null ? "null" : typeof html}`));
      }
      try {
        checkOptions(opts);
      } catch (e) {
        return Promise.reject(e);
      }
      return call("annotateHtml", { html, options: { mode: opts?.mode, offsets: opts?.offsets } });
    },
    export(source, format, options = {}) {
      let text, opts;
      try {
        ({ text, options: opts } = exportSource(source, options));
        if (typeof format !== "string") throw new TypeError("export() expects a format name");
        checkOptions(opts);
      } catch (e) {
        return Promise.reject(e);
      }
      return call("export", { text, format, options: { ...opts } });
    },
    terminate() {
      terminated = true;
      failAll(new Error("annotator worker was terminated"));
      worker?.terminate();
      worker = null;
    },
  };
}
