// Types for embed/annotator.js — the output schema (version 1) and the JS API.
//
// Schema rule: later versions may ADD fields; none is changed or removed
// without bumping `schema`. Every `start`/`end` is end-exclusive and counted
// in the unit named by `Document.offsets` (UTF-16 code units by default, so
// `doc.text.slice(span.start, span.end) === span.text`).

/** Unit of every `start`/`end` in a document. */
export type OffsetUnit =
  /** UTF-16 code units: JavaScript string indices (the default). */
  | "utf16"
  /** Unicode scalar values: Python `str` indices. */
  | "codepoint"
  /** UTF-8 bytes: Rust `str` indices. */
  | "utf8";

/** Entity type, CoNLL-2003 style. */
export type Label =
  /** A person. */
  | "PER"
  /** An organisation: company, party, government body, team, … */
  | "ORG"
  /** A place: country, city, region, river, … */
  | "LOC"
  /** Another named thing: nationality, event, work, product, … */
  | "MISC";

/** A range of `Document.text`, end-exclusive, in `Document.offsets` units. */
export interface Span {
  /** First unit of the span. */
  start: number;
  /** One past the last unit of the span (`end >= start`). */
  end: number;
}

/** A span together with the text it covers. */
export interface TextSpan extends Span {
  /** Exactly `Document.text` between `start` and `end`. */
  text: string;
  /** HTML input only: where the span lies in the DOM (one anchor per text node it touches). */
  anchors?: Anchor[];
}

/**
 * HTML input only: (part of) a span inside one DOM text node.
 * Confirm `node.data.length === len && node.data.startsWith(check)` before drawing.
 */
export interface Anchor {
  /** Child indices (as in `childNodes`, counting every node) from `document.documentElement` down to the text node. */
  path: number[];
  /** Offset inside the node's `data`, in `Document.offsets` units (UTF-16 from JS: `Range.setStart(node, start)`). */
  start: number;
  /** End offset inside the node's `data`, same unit. */
  end: number;
  /** Length of the node's whole text, same unit. */
  len: number;
  /** The node text's first 16 characters (Unicode scalar values). */
  check: string;
}

/** HTML article mode only: the page's metadata (each field `null` when the page does not state it). */
export interface Article {
  title: string | null;
  byline: string | null;
  /** As the page states it (usually ISO 8601), not reformatted. */
  published: string | null;
  /** Absolute http(s) URL of the lead image. */
  image: string | null;
  /** BCP 47 language tag as the page declares it. */
  lang: string | null;
}

/** One occurrence of a name in the text. */
export interface Mention extends TextSpan {
  /** What kind of thing is named. */
  label: Label;
  /** Index into `Document.entities` of the thing this mention refers to (equals that entity's `id`). */
  entity: number;
  /** Calibrated confidence that the mention is right (span and label), 0..1: among CoNLL-2003 dev mentions with this score, about this share were right. Rounded to 3 decimals. */
  score: number;
}

/** A real-world place an entity was linked to (GeoNames gazetteer). */
export interface Place {
  /** Canonical place name, e.g. "Wellington". */
  name: string;
  /** Kind of place: "country", "region", "city", … */
  kind: string;
  /** ISO 3166-1 alpha-2 country code, e.g. "NZ". */
  country: string;
  /** Latitude in decimal degrees (WGS 84). */
  lat: number;
  /** Longitude in decimal degrees (WGS 84). */
  lon: number;
  /** GeoNames id (https://www.geonames.org/<id>). */
  geonames_id: number;
  /** Population from the gazetteer (0 when unknown). */
  population: number;
  /** Confidence in this link, 0..1: low when the text does not settle between candidates. */
  score: number;
}

/** One person, organisation, place or other named thing, with all its mentions. */
export interface Entity {
  /** Position of this entity in `Document.entities`. */
  id: number;
  /** Kind of thing. */
  label: Label;
  /** Canonical name: the fullest form among its mentions ("Vladimir Putin" for "Putin"). */
  name: string;
  /** Indices into `Document.mentions`, ascending. */
  mentions: number[];
  /** The linked place for LOC entities found in the gazetteer, else `null`. */
  place: Place | null;
}

/** How a quote reports speech. */
export type QuoteKind =
  /** The whole utterance in quotation marks: He said, "We will win." */
  | "direct"
  /** A quoted fragment inside reported speech: He called it "a disgrace". */
  | "partial"
  /** Reported speech without quotation marks: He said that they would win. */
  | "indirect";

/** Something a source said. */
export interface Quote extends TextSpan {
  /** Direct, partial or indirect. */
  kind: QuoteKind;
  /** The words naming who said it ("the minister", "Ardern"), or `null` if not found. */
  speaker: TextSpan | null;
  /** Index into `Document.entities` of the speaker when resolved to an entity, else `null`. */
  entity: number | null;
  /** The reporting verb or phrase ("said", "according to"), or `null`. */
  cue: TextSpan | null;
}

/** The result of annotating one text (schema version 1). */
export interface Document {
  /** Schema version: 1. */
  schema: 1;
  /** Unit of every `start`/`end` in this document. */
  offsets: OffsetUnit;
  /**
   * The annotated text: the input as given, except that lone UTF-16 surrogates
   * become U+FFFD (same length in UTF-16, so offsets still line up with the input).
   */
  text: string;
  /** Sentences in text order; never cross a paragraph break; no text field (slice `text`). */
  sentences: Span[];
  /** Names found, sorted by `start`, non-overlapping. */
  mentions: Mention[];
  /** Mentions grouped into things, in order of first mention. */
  entities: Entity[];
  /** Quotes, sorted by `start`; may overlap mentions. */
  quotes: Quote[];
  /** HTML input only: the anchors of each sentence, parallel to `sentences`. */
  sentenceAnchors?: Anchor[][];
  /** HTML article mode only: the page's metadata. */
  article?: Article;
}

/** Options for one `annotate` call. */
export interface AnnotateOptions {
  /** Unit of the offsets in the result. Default `"utf16"`. */
  offsets?: OffsetUnit;
}

/** Options for `annotateHtml`. */
export interface AnnotateHtmlOptions extends AnnotateOptions {
  /** `"text"` (default): annotate all readable text of the HTML; `"article"`: extract the main article of a whole page first. */
  mode?: "text" | "article";
}

/** An export format, for download buttons. */
export interface ExportFormat {
  /** Name to pass to `export()`: "json", "csv-mentions", "csv-quotes", "html", "webanno", "displacy", "markdown". */
  name: string;
  /** File name extension without the leading dot, e.g. "mentions.csv". */
  extension: string;
  /** Media type, e.g. "text/csv". */
  mediaType: string;
}

/** Options for `export()`; every field optional. */
export interface ExportOptions {
  /** Offset unit for JSON and CSV (the other formats use what their consumers expect). */
  offsets?: OffsetUnit;
  /** CSV: start with a UTF-8 byte-order mark (for Excel). */
  bom?: boolean;
  /** JSON: indent. */
  pretty?: boolean;
  /** Title for the HTML report and annotations. */
  title?: string;
  /** Source URL of the text. */
  url?: string;
}

/** Where to load the `.wasm` from; default `../pkg/article_annotator_bg.wasm` next to annotator.js. */
export type WasmSource = string | URL | Response | BufferSource | WebAssembly.Module;

export interface CreateOptions {
  /** Override the location or bytes of the wasm module (loaded once per JS realm). */
  wasm?: WasmSource;
}

export interface WorkerCreateOptions {
  /** As `CreateOptions.wasm`, but only strings, URLs, BufferSources and modules (they are posted to the worker). */
  wasm?: string | URL | BufferSource | WebAssembly.Module;
  /** URL of embed/worker.js if it is not next to annotator.js. */
  workerUrl?: string | URL;
}

/** Synchronous annotator; runs on the calling thread. */
export interface Annotator {
  /**
   * Annotates plain text. Throws `RangeError` when the text is over
   * `maxTextBytes` of UTF-8 (the message names the limit), `TypeError` for a
   * non-string or an unknown offset unit. Any other string gives a document.
   */
  annotate(text: string, options?: AnnotateOptions): Document;
  /**
   * Annotates HTML: `text` of the result is the extracted readable text, and
   * spans carry `anchors` into the DOM. Script, style and template text is never
   * part of it. Errors as for `annotate` (limit: `maxHtmlBytes` of HTML).
   */
  annotateHtml(html: string, options?: AnnotateHtmlOptions): Document;
  /** Annotates `text` and returns it in the export format `format` (see `exportFormats`). */
  /** `source`: a text, or a document from `annotate()`/`annotateHtml()` (its text is exported). */
  export(source: string | Document, format: string, options?: ExportOptions): string;
  /** The available export formats. */
  readonly exportFormats: ExportFormat[];
  /** Largest accepted text in UTF-8 bytes: 10 MiB (10485760). */
  readonly maxTextBytes: number;
  /** Largest accepted HTML in UTF-8 bytes. */
  readonly maxHtmlBytes: number;
  /** Crate and schema version, e.g. "0.1.0 (schema 1)". */
  readonly version: string;
  /** Frees the wasm-side object; later calls throw. */
  dispose(): void;
}

/** The same interface, answered by a Web Worker (worker_threads in Node). */
export interface WorkerAnnotator {
  /** As `Annotator.annotate`, but never blocks the caller; rejects with the same errors. */
  annotate(text: string, options?: AnnotateOptions): Promise<Document>;
  annotateHtml(html: string, options?: AnnotateHtmlOptions): Promise<Document>;
  export(source: string | Document, format: string, options?: ExportOptions): Promise<string>;
  readonly exportFormats: ExportFormat[];
  readonly maxTextBytes: number;
  readonly maxHtmlBytes: number;
  readonly version: string;
  /** Stops the worker; pending and later calls reject. */
  terminate(): void;
}

/** Loads the wasm (once) and returns an annotator. Rejects with an `Error` if the wasm cannot load. */
export function createAnnotator(options?: CreateOptions): Promise<Annotator>;

/** Starts a worker, loads the wasm in it and returns an annotator whose calls are asynchronous. */
export function createWorkerAnnotator(options?: WorkerCreateOptions): Promise<WorkerAnnotator>;
