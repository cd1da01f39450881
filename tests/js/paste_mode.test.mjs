// Which pasted HTML the page reduces to its article (www/html-view.js, pasteMode).
// Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { pasteMode } from "../../www/html-view.js";

test("a whole page is read as an article, a copied selection whole", () => {
  assert.equal(pasteMode("<!DOCTYPE html><html><head><title>T</title></head><body><p>x</p></body></html>"), "article");
  assert.equal(pasteMode("<html><head><meta charset=utf-8></head><body><p>x</p></body></html>"), "article");
  // What browsers put on the clipboard for a selection.
  assert.equal(pasteMode("<html><body><!--StartFragment--><p>x</p><!--EndFragment--></body></html>"), "text");
  assert.equal(pasteMode('<meta charset="utf-8"><p>Angela Merkel</p><div class="share">Boris Johnson</div>'), "text");
  assert.equal(pasteMode("<p>a <b>b</b></p><footer>c</footer>"), "text");
  // "<header>" is not "<head>".
  assert.equal(pasteMode("<header>Top</header><p>x</p>"), "text");
});
