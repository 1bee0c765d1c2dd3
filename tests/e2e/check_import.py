#!/usr/bin/env python3
"""Check an import against what a real parser reads from the source feed.

usage: check_import.py NAME SOURCE LIST_JSON FEED TAP_START

SOURCE is the feed that was imported; feedparser's reading of it is the
truth. LIST_JSON is `siar list --json --show SLUG` after the import: every
item with an enclosure must be there with its GUID (exactly), pubDate,
duration and enclosure URL, length and type. FEED is siar's own feed of the
show written afterwards: feedparser and gPodder's podcastparser must read
the same GUIDs, enclosures, dates and durations from it as feedparser reads
from SOURCE. Prints TAP lines numbered from TAP_START + 1, one per check
per feed, with the first few differences as '#' lines.
"""
import calendar
import json
import sys
from datetime import datetime

import feedparser
import podcastparser

name, source, list_path, feed_path, start = sys.argv[1:6]
n = int(start)


def tap(problems, desc):
    global n
    n += 1
    print(("ok" if not problems else "not ok") + f" {n} - {name}: {desc}")
    for p in problems[:5]:
        print(f"#   {p}")
    if len(problems) > 5:
        print(f"#   ... and {len(problems) - 5} more")


def seconds(text):
    """itunes:duration as seconds; None when absent or not a duration."""
    if text is None or str(text).strip() == "":
        return None
    total = 0.0
    try:
        for part in str(text).strip().split(":"):
            total = total * 60 + float(part)
    except ValueError:
        return None
    return total


def length(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def unix_of(parsed):
    return calendar.timegm(parsed) if parsed else None


# --- the source, as feedparser reads it -----------------------------------
src = feedparser.parse(source)
want = {}
for e in src.entries:
    if not e.get("enclosures"):
        continue
    enc = e.enclosures[0]
    want[e.id] = {
        "url": enc.get("href"),
        "length": length(enc.get("length")),
        "type": (enc.get("type") or "").lower(),
        "date": unix_of(e.get("published_parsed")),
        "duration": seconds(e.get("itunes_duration")),
    }

# --- the catalogue ----------------------------------------------------------
with open(list_path, encoding="utf-8") as f:
    eps = json.load(f)
got = {e["guid"]: e for e in eps}


def rfc3339_unix(text):
    return int(datetime.fromisoformat(text).timestamp())


tap([g for g in want if g not in got] + [f"extra {g}" for g in got if g not in want],
    f"every GUID kept byte for byte ({len(want)} items)")
tap([f"{g}: {e['status']}" for g, e in got.items() if e["status"] != "published"],
    "every episode published")
tap([f"{g}: {rfc3339_unix(got[g]['published'])} != {w['date']}"
     for g, w in want.items() if g in got and got[g]["published"]
     and rfc3339_unix(got[g]["published"]) != w["date"]],
    "every pubDate kept")
tap([f"{g}: {got[g]['duration']} != {w['duration']}"
     for g, w in want.items() if g in got
     and abs((got[g]["duration"] or 0) - (w["duration"] or 0)) > 0.0005],
    "every duration kept to the millisecond")
tap([f"{g}: {got[g]['file']} != {w['url']}" for g, w in want.items()
     if g in got and got[g]["file"] != w["url"]],
    "every enclosure URL kept")
tap([f"{g}: {got[g]['size']} != {w['length']}" for g, w in want.items()
     if g in got and got[g]["size"] != w["length"]],
    "every enclosure length kept")
tap([f"{g}: {got[g]['mime']} != {w['type']}" for g, w in want.items()
     if g in got and w["type"] and got[g]["mime"] != w["type"]],
    "every enclosure type kept")


# --- siar's feed, read back by two parsers ------------------------------------
def compare(parser, items):
    """items: guid -> (url, length, type, date, duration)."""
    tap([g for g in want if g not in items] + [f"extra {g}" for g in items if g not in want],
        f"{parser} reads every GUID back from siar's feed")
    problems = []
    for g, w in want.items():
        if g not in items:
            continue
        url, size, mime, date, dur = items[g]
        if url != w["url"]:
            problems.append(f"{g}: url {url} != {w['url']}")
        if size != w["length"]:
            problems.append(f"{g}: length {size} != {w['length']}")
        if w["type"] and mime != w["type"]:
            problems.append(f"{g}: type {mime} != {w['type']}")
    tap(problems, f"{parser} reads every enclosure back (URL, length, type)")
    tap([f"{g}: {items[g][3]} != {w['date']}" for g, w in want.items()
         if g in items and items[g][3] != w["date"]],
        f"{parser} reads every date back")
    tap([f"{g}: {items[g][4]} vs {w['duration']}" for g, w in want.items()
         if g in items and not (
             (w["duration"] in (None, 0) and items[g][4] in (None, 0)) or
             (w["duration"] and items[g][4] is not None and
              abs(items[g][4] - w["duration"]) <= 0.5))],
        f"{parser} reads every duration back (whole seconds)")


fp = feedparser.parse(feed_path)
tap([str(fp.get("bozo_exception"))] if fp.bozo else [],
    "feedparser parses siar's feed without error")
items = {}
for e in fp.entries:
    enc = e.enclosures[0] if e.get("enclosures") else {}
    items[e.id] = (enc.get("href"), length(enc.get("length")),
                   enc.get("type"), unix_of(e.get("published_parsed")),
                   seconds(e.get("itunes_duration")))
compare("feedparser", items)

with open(feed_path, "rb") as f:
    pp = podcastparser.parse("https://example.invalid/feed.xml", f)
items = {}
for e in pp.get("episodes", []):
    enc = e["enclosures"][0] if e["enclosures"] else {}
    dur = e.get("total_time") or None
    items[e["guid"]] = (enc.get("url"), max(enc.get("file_size", 0), 0),
                        enc.get("mime_type"), e.get("published"), dur)
compare("podcastparser", items)
