#!/usr/bin/env python3
"""Rebuilds quotes.jsonl from the BSD fortune(6) data files.

    apt-get download fortunes && dpkg-deb -x fortunes_*.deb fortunes
    python3 examples/data/make_quotes.py fortunes/usr/share/games/fortunes > examples/data/quotes.jsonl

Keeps, from each topic file below, the first 60 attributed quotes ("... -- Author") of 30 to 240
characters, in file order, with whitespace collapsed. Deterministic: the same files give the same
output.
"""
import json
import re
import sys

TOPICS = ["art", "computers", "education", "law", "science", "wisdom"]
PER_TOPIC = 60


def quotes(path):
    with open(path, encoding="latin-1") as f:
        entries = f.read().split("\n%\n")
    for entry in entries:
        m = re.match(r"(?s)^(.*?)\n\s*--\s*(.+?)\s*$", entry.strip())
        if not m:
            continue
        text = " ".join(m.group(1).split())
        author = " ".join(m.group(2).split())
        if 30 <= len(text) <= 240 and 2 <= len(author) <= 80 and "\t" not in text:
            yield text, author


def main(root):
    for topic in TOPICS:
        seen = set()
        n = 0
        for text, author in quotes(f"{root}/{topic}"):
            if text in seen:
                continue
            seen.add(text)
            print(json.dumps({"topic": topic, "text": text, "author": author}, ensure_ascii=False))
            n += 1
            if n == PER_TOPIC:
                break


if __name__ == "__main__":
    main(sys.argv[1])
