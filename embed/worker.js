// Worker side of createWorkerAnnotator() (./annotator.js): a module Web Worker in
// browsers, a worker_threads Worker in Node. Messages in:
// {id, type: "init"|"info"|"annotate"|"annotateHtml"|"export", ...};
// out: {id, result} or {id, error: {name, message}}, answered in order.

import { createAnnotator } from "./annotator.js";

let port;
if (typeof self !== "undefined" && typeof self.postMessage === "function" && typeof process === "undefined") {
  port = { post: (m) => self.postMessage(m), listen: (fn) => (self.onmessage = (ev) => fn(ev.data)) };
} else {
  const { parentPort } = await import("node:worker_threads");
  port = { post: (m) => parentPort.postMessage(m), listen: (fn) => parentPort.on("message", fn) };
}

let annotator = null;
let wasm;

async function handle(msg) {
  if (msg.type === "init") {
    wasm = msg.wasm;
    return undefined;
  }
  annotator ??= createAnnotator({ wasm }).catch((e) => {
    annotator = null; // let a later request retry the load
    throw e;
  });
  const a = await annotator;
  if (msg.type === "info") {
    return { version: a.version, maxTextBytes: a.maxTextBytes, maxHtmlBytes: a.maxHtmlBytes, exportFormats: a.exportFormats };
  }
  if (msg.type === "annotate") return a.annotate(msg.text, { offsets: msg.offsets });
  if (msg.type === "annotateHtml") return a.annotateHtml(msg.html, msg.options);
  if (msg.type === "export") return a.export(msg.text, msg.format, msg.options);
  throw new Error(`unknown request ${JSON.stringify(msg.type)}`);
}

// Serialize handling so answers keep the order of requests even while the wasm loads.
let queue = Promise.resolve();
port.listen((msg) => {
  queue = queue.then(async () => {
    try {
      const result = await handle(msg);
      if (msg.type !== "init") port.post({ id: msg.id, result });
    } catch (e) {
      // A wasm trap (RuntimeError) leaves the module unusable: the host replaces this worker.
      const fatal = e?.name === "RuntimeError";
      port.post({ id: msg.id, error: { name: e?.name ?? "Error", message: e?.message ?? String(e) }, fatal });
    }
  });
});
