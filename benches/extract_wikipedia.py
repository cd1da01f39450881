#!/usr/bin/env python3
"""Regenerates the fixed texts under benches/corpus/ and www/sample/ from the
Wikipedia snapshots in the Mozilla Readability test pages (../shared/data).

Standard library only. Keeps the text of headings, paragraphs and list items
of each article (Readability's `expected.html`), drops citation markers
(<sup>), tables, styles and scripts, collapses whitespace, and joins blocks
with blank lines. The output is committed; this script documents how it was
made. Usage: python3 benches/extract_wikipedia.py [DATA_DIR]
"""
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/readability/test-pages"

BLOCKS = ("p", "h2", "h3", "h4", "li")
SKIP = ("sup", "style", "script", "table")


class Blocks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks, self.cur, self.tag, self.skip = [], None, None, 0

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS and self.cur is None:
            self.cur, self.tag = [], tag
        if tag in SKIP:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        if self.cur is not None and tag == self.tag:
            text = re.sub(r"\s+", " ", "".join(self.cur)).strip()
            text = re.sub(r"\s*\[edit\]$", "", text)
            if text:
                self.blocks.append((self.tag, text))
            self.cur = None

    def handle_data(self, data):
        if self.cur is not None and not self.skip:
            self.cur.append(data)


def blocks(page):
    parser = Blocks()
    parser.feed((DATA / page / "expected.html").read_text(encoding="utf-8"))
    return parser.blocks


def write(path, title, texts):
    out = title + "\n\n" + "\n\n".join(texts) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out, encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(out)} chars")


def article(page):
    # Stop at the reference apparatus; skip the table of contents (numbered <li>).
    out = []
    for tag, text in blocks(page):
        if tag in ("h2", "h3") and text in ("See also", "Notes", "Footnotes", "References", "Citations"):
            break
        if tag == "li" and re.match(r"^\d+(\.\d+)* ", text):
            continue
        out.append(text)
    return out


# Benchmark corpus: whole articles.
write(ROOT / "benches/corpus/mozilla.txt", "Mozilla", article("wikipedia"))
write(ROOT / "benches/corpus/new-zealand.txt", "New Zealand", article("wikipedia-2"))

# Page sample: a few history paragraphs of "New Zealand" (people, places,
# organisations, and one quotation by Abel Tasman).
nz = [text for tag, text in blocks("wikipedia-2") if tag == "p"]
pick = lambda start: next(t for t in nz if t.startswith(start))
write(
    ROOT / "www/sample/new-zealand.txt",
    "New Zealand",
    [
        pick("Dutch explorer Abel Tasman sighted"),
        pick("The first Europeans known to have reached"),
        pick("In 1788 Captain Arthur Phillip"),
        pick("New Zealand, still part of the colony"),
        pick("In 1891 the Liberal Party"),
        pick("In 1907, at the request"),
    ],
)
