#!/usr/bin/env python3
"""Read a feed siar wrote with two real podcast parsers and compare every
episode with the catalogue and with a full decode of its media file.

usage: check_feed.py FEED LIST_JSON EXPECTED_TSV BASE_URL TAP_START

LIST_JSON is `siar list --json`; EXPECTED_TSV holds "id, file name, decoded
seconds" per ingested sample. Prints TAP lines numbered from TAP_START + 1.
"""
import json
import sys
import urllib.parse

import feedparser
import podcastparser

feed_path, list_path, expected_path, base_url, start = sys.argv[1:6]
n = int(start)
failures = 0


def tap(ok, desc):
    global n, failures
    n += 1
    print(("ok" if ok else "not ok") + f" {n} - {desc}")
    if not ok:
        failures += 1


with open(list_path, encoding="utf-8") as f:
    episodes = {e["id"]: e for e in json.load(f)}
decoded = {}
with open(expected_path, encoding="utf-8") as f:
    for line in f:
        ep_id, name, seconds = line.rstrip("\n").split("\t")
        decoded[int(ep_id)] = (name, float(seconds))

live = [e for e in episodes.values()
        if e["status"] == "published" and not e["published"].startswith("2099")]
live.sort(key=lambda e: e["published"], reverse=True)
absent = [e for e in episodes.values() if e not in live]
by_guid = {e["guid"]: e for e in episodes.values()}


def media_url(e):
    name = e["file"].rsplit("/", 1)[1]
    return base_url.rstrip("/") + "/" + urllib.parse.quote(name, safe="-._~")


def check_episode(parser, e, guid, title, url, length, mime, seconds):
    label = f"{parser}: episode {e['id']} ({decoded.get(e['id'], ('?',))[0]})"
    tap(guid == e["guid"], f"{label} guid")
    tap(title == e["title"], f"{label} title {title!r}")
    tap(url == media_url(e), f"{label} enclosure url {url}")
    tap(int(length) == e["size"], f"{label} enclosure length {length}")
    tap(mime == e["mime"], f"{label} enclosure type {mime}")
    if e["id"] in decoded:
        want = decoded[e["id"]][1]
        tap(abs(seconds - want) <= 1.0,
            f"{label} duration {seconds} s vs decode {want:.3f} s")


def hms(text):
    seconds = 0
    for part in str(text).split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


# --- feedparser (the Universal Feed Parser) ---------------------------------
fp = feedparser.parse(feed_path)
tap(not fp.bozo, f"feedparser parses the feed without error {fp.get('bozo_exception', '')}")
tap(fp.version == "rss20", f"feedparser sees RSS 2.0 ({fp.version})")
tap(fp.feed.get("title") == "Podcast KPU Kabupaten Grobogan", "feedparser: channel title")
tap(fp.feed.get("language") == "id", "feedparser: channel language id")
tap(len(fp.entries) == len(live),
    f"feedparser: {len(fp.entries)} items for {len(live)} live episodes")
tap([x.get("id") for x in fp.entries] == [e["guid"] for e in live],
    "feedparser: items newest first")
for x in fp.entries:
    e = by_guid.get(x.get("id"))
    if e is None:
        tap(False, f"feedparser: unknown guid {x.get('id')}")
        continue
    enc = x.enclosures[0] if x.get("enclosures") else {}
    check_episode("feedparser", e, x.get("id"), x.get("title"),
                  enc.get("href"), enc.get("length", -1), enc.get("type"),
                  hms(x.get("itunes_duration", "-1")))
    tap(x.guidislink is False, f"feedparser: episode {e['id']} guid is not a permalink")
    tap(x.get("published_parsed") is not None,
        f"feedparser: episode {e['id']} pubDate parses ({x.get('published')})")
guids = {x.get("id") for x in fp.entries}
for e in absent:
    tap(e["guid"] not in guids,
        f"feedparser: {e['status']} episode {e['id']} is absent")

# --- podcastparser (gPodder) -------------------------------------------------
with open(feed_path, "rb") as f:
    pp = podcastparser.parse("https://kpu.example.id/media/feed.xml", f)
tap(pp.get("title") == "Podcast KPU Kabupaten Grobogan", "podcastparser: title")
eps = pp.get("episodes", [])
tap(len(eps) == len(live),
    f"podcastparser: {len(eps)} episodes for {len(live)} live episodes")
for x in eps:
    e = by_guid.get(x["guid"])
    if e is None:
        tap(False, f"podcastparser: unknown guid {x['guid']}")
        continue
    enc = x["enclosures"][0] if x["enclosures"] else {}
    check_episode("podcastparser", e, x["guid"], x["title"], enc.get("url"),
                  enc.get("file_size", -1), enc.get("mime_type"),
                  x.get("total_time", -1))
    tap(x.get("published", 0) > 0, f"podcastparser: episode {e['id']} has a date")

sys.exit(0)
