#!/usr/bin/env python3
"""Check every HTML page of a site built by 'siar build' and print TAP.

Usage: check_site.py SITE_DIR FIRST_TEST_NUMBER

Each page must parse with Python's html.parser with every non-void element
closed in order, have <html lang>, a non-empty <title>, exactly one <h1>,
unique ids, an alt on each <img>, labelled landmarks, and every local link
(href, src, poster) must lead to a file of the site.
"""
import os
import sys
import urllib.parse
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
# Elements whose end tag HTML lets an author leave out; siar never does.
URL_ATTRS = {"href", "src", "poster"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.ids = set()
        self.lang = None
        self.title = ""
        self.in_title = False
        self.h1 = 0
        self.links = []
        self.main = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.h1 += 1
        if tag == "main":
            self.main += 1
        if tag == "img" and "alt" not in a:
            self.errors.append("an <img> without alt")
        if "id" in a:
            if a["id"] in self.ids:
                self.errors.append("duplicate id '%s'" % a["id"])
            self.ids.add(a["id"])
        for name in URL_ATTRS:
            if a.get(name):
                self.links.append(a[name])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes <%s>" %
                               (tag, self.stack[-1] if self.stack else ""))
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.in_title:
            self.title += data


def local_target(page_path, link):
    """The file a local link points at, or None for an outside URL."""
    parts = urllib.parse.urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return None
    target = os.path.join(os.path.dirname(page_path),
                          urllib.parse.unquote(parts.path))
    return os.path.normpath(target)


def main():
    site, n = sys.argv[1], int(sys.argv[2])
    pages = []
    for root, _, files in os.walk(site):
        pages += [os.path.join(root, f) for f in files if f.endswith(".html")]
    for path in sorted(pages):
        rel = os.path.relpath(path, site)
        p = Page()
        with open(path, encoding="utf-8") as f:
            p.feed(f.read())
        p.close()
        problems = list(p.errors)
        if p.stack:
            problems.append("unclosed: %s" % " ".join(p.stack))
        if p.lang not in ("id", "en"):
            problems.append("lang is %r" % p.lang)
        if not p.title.strip():
            problems.append("no title")
        is_embed = rel.startswith("embed/")
        if not is_embed and p.h1 != 1:
            problems.append("%d <h1>" % p.h1)
        if p.main != 1:
            problems.append("%d <main>" % p.main)
        for link in p.links:
            target = local_target(path, link)
            if target and not os.path.exists(target):
                problems.append("broken link %s" % link)
        n += 1
        if problems:
            print("not ok %d - %s is well-formed and its links work" % (n, rel))
            for pr in problems[:10]:
                print("# %s" % pr)
        else:
            print("ok %d - %s is well-formed and its links work" % (n, rel))


if __name__ == "__main__":
    main()
