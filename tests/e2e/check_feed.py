#!/usr/bin/env python3
"""Read a feed siar wrote with two real podcast parsers and compare every
episode with the catalogue and with a full decode of its media file.

usage: check_feed.py FEED LIST_JSON EXPECTED_TSV BASE_URL TAP_START
       check_feed.py --p20 FEED LIST_JSON PEOPLE_JSON SHOWS_JSON HOSTS SIAR
                     TAP_START

LIST_JSON is `siar list --json`; EXPECTED_TSV holds "id, file name, decoded
seconds" per ingested sample. Prints TAP lines numbered from TAP_START + 1.

With --p20, checks the Podcasting 2.0 tags of a feed written with -o
(see check_p20) for the one show in SHOWS_JSON (`siar show list --json`),
whose hosts are HOSTS (comma-separated, in order); PEOPLE_JSON is `siar
person list --json` and SIAR the binary, for `siar probe --json`.
"""
import base64
import hashlib
import json
import math
import os
import subprocess
import sys
import urllib.parse
import uuid

import feedparser
import podcastparser

n = 0
failures = 0


def tap(ok, desc):
    global n, failures
    n += 1
    print(("ok" if ok else "not ok") + f" {n} - {desc}")
    if not ok:
        failures += 1


# --- Podcasting 2.0 ----------------------------------------------------------
#
# What the two parsers on Debian 12 make of the podcast: namespace:
#
# feedparser 6.0.10 has no handler for it. An element without attributes
# becomes its text under "podcast_NAME" (podcast:guid, podcast:medium);
# one with attributes becomes a dict of them and its text is dropped
# (podcast:person loses the name, podcast:locked its "no",
# podcast:updateFrequency its label). Repeated elements overwrite each
# other: only the last person, transcript, alternateEnclosure, source and
# integrity of a channel or item are left. Attribute names are lowercased
# (contentType -> contenttype).
#
# podcastparser 0.6.9 ignores the namespace altogether: no persons,
# transcripts, chapters (it reads only Podlove's psc:chapters) or alternate
# enclosures. What it does read must not be disturbed: one enclosure per
# episode, itunes:image as the art (not podcast:image's poster).

P20_GUID_NS = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
CAPTIONS = ("text/vtt", "application/x-subrip")
RRULE = {"daily": "FREQ=DAILY", "weekly": "FREQ=WEEKLY",
         "biweekly": "FREQ=WEEKLY;INTERVAL=2", "monthly": "FREQ=MONTHLY"}


def sri(path):
    """The SRI value of the file at 'path', computed here."""
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).digest()
    return "sha256-" + base64.b64encode(digest).decode()


def picture_size(path):
    """Width and height of the first video stream, by ffprobe."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
         "stream=width,height", "-of", "csv=p=0", path],
        capture_output=True, text=True, check=True).stdout
    w, h = out.strip().split(",")[:2]
    return int(w), int(h)


class P20:
    """What the feed should say, from the catalogue's own JSON."""

    def __init__(self, list_path, people_path, shows_path, hosts):
        with open(list_path, encoding="utf-8") as f:
            self.episodes = json.load(f)
        with open(people_path, encoding="utf-8") as f:
            self.people = {p["name"]: p for p in json.load(f)}
        with open(shows_path, encoding="utf-8") as f:
            self.show = json.load(f)[0]
        self.base = self.show["base_url"].rstrip("/")
        self.hosts = [(h, "host", "cast") for h in hosts.split(",")]
        self.live = sorted((e for e in self.episodes
                            if e["status"] == "published"),
                           key=lambda e: e["published"], reverse=True)
        self.by_guid = {e["guid"]: e for e in self.episodes}
        name = (self.base + "/feed.xml").split("://", 1)[1]
        self.feed_guid = str(uuid.uuid5(P20_GUID_NS, name))

    def url(self, path):
        name = os.path.basename(path)
        return self.base + "/" + urllib.parse.quote(name, safe="-._~")

    def person(self, name, role, group):
        """podcast:person's attributes and name, as siar writes them."""
        p = self.people.get(name, {})
        attrs = {"role": role, "group": group}
        if p.get("photo"):
            attrs["img"] = p["photo"]
        if p.get("url"):
            attrs["href"] = p["url"]
        return name, attrs

    def channel_people(self):
        return [self.person(*h) for h in self.hosts]

    def item_people(self, e):
        """Hosts restated first when the episode has people of its own."""
        own = [(g, "guest", "cast") for g in e["guests"]]
        own += [(c["name"], c["role"], c["group"]) for c in e["people"]]
        if not own:
            return []
        restated = [h for h in self.hosts if h not in own]
        return [self.person(*p) for p in restated + own]

    def transcripts(self, e):
        out = []
        for t in e["transcripts"]:
            attrs = {"url": self.url(t["path"]), "type": t["mime"],
                     "language": t["language"] or self.show["language"]}
            if t["mime"] in CAPTIONS:
                attrs["rel"] = "captions"
            out.append(attrs)
        return out

    def chapters_url(self, e):
        if not e["chapters"]:
            return None
        return self.base + "/chapters/" + e["guid"] + ".json"

    def alternates(self, e):
        """The main file first, marked default, then each rendition."""
        if not e["renditions"]:
            return []
        out = [{"type": e["mime"], "length": str(e["size"]),
                "uri": self.url(e["file"]), "default": "true",
                "sri": sri(e["file"])}]
        for r in e["renditions"]:
            alt = {"type": r["mime"], "length": str(r["size"]),
                   "uri": self.url(r["path"]), "sri": sri(r["path"])}
            if r["title"]:
                alt["title"] = r["title"]
            out.append(alt)
        return out

    def poster(self, e):
        """podcast:image of a video's poster, with the picture's size."""
        if not e["poster"]:
            return None
        w, h = picture_size(e["file"])
        g = math.gcd(w, h)
        return {"href": self.url(e["poster"]), "alt": e["title"],
                "aspect-ratio": f"{w // g}/{h // g}", "width": str(w),
                "height": str(h), "purpose": "poster"}

    def artwork(self):
        if self.show["image"]:
            return self.show["image"]
        return self.url(self.show["image_path"])


def check_p20_feedparser(feed_path, x):
    fp = feedparser.parse(feed_path)
    tap(not fp.bozo, "feedparser parses the Podcasting 2.0 feed "
        f"{fp.get('bozo_exception', '')}")
    tap(fp.namespaces.get("podcast") == "https://podcastindex.org/namespace/1.0",
        "feedparser: the podcast namespace is declared")
    f = fp.feed
    tap(f.get("podcast_guid") == x.feed_guid,
        f"feedparser: podcast:guid {f.get('podcast_guid')} is the UUIDv5 of "
        "the feed URL")
    tap(x.show["feed_guid"] == x.feed_guid,
        "the show's stored podcast:guid is that of its feed URL")
    tap(f.get("podcast_medium") == x.show["medium"],
        f"feedparser: podcast:medium {f.get('podcast_medium')}")
    tap(f.get("podcast_locked") == {"owner": x.show["owner_email"]},
        f"feedparser: podcast:locked owner {f.get('podcast_locked')}")
    tap(f.get("podcast_updatefrequency") == {"rrule": RRULE[x.show["cadence"]]},
        "feedparser: podcast:updateFrequency rrule "
        f"{f.get('podcast_updatefrequency')}")
    tap(f.get("podcast_person") == x.channel_people()[-1][1],
        "feedparser: the channel's last podcast:person "
        f"{f.get('podcast_person')}")
    tap(f.get("image", {}).get("href") == x.artwork(),
        f"feedparser: itunes:image {f.get('image', {}).get('href')}")
    tap(len(fp.entries) == len(x.live),
        f"feedparser: {len(fp.entries)} items for {len(x.live)} live episodes")
    for item in fp.entries:
        e = x.by_guid.get(item.get("id"))
        if e is None:
            tap(False, f"feedparser: unknown guid {item.get('id')}")
            continue
        label = f"feedparser: episode {e['id']}"
        people = x.item_people(e)
        tap(item.get("podcast_person") == (people[-1][1] if people else None),
            f"{label} last podcast:person {item.get('podcast_person')}")
        trs = x.transcripts(e)
        tap(item.get("podcast_transcript") == (trs[-1] if trs else None),
            f"{label} last podcast:transcript {item.get('podcast_transcript')}")
        ch = x.chapters_url(e)
        want = {"url": ch, "type": "application/json+chapters"} if ch else None
        tap(item.get("podcast_chapters") == want,
            f"{label} podcast:chapters {item.get('podcast_chapters')}")
        tap(item.get("podcast_image") == x.poster(e),
            f"{label} podcast:image {item.get('podcast_image')}")
        art = x.url(e["image"]) if e["image"] else None
        tap(item.get("image", {}).get("href") == art,
            f"{label} itunes:image {art}")
        alts = x.alternates(e)
        got = item.get("podcast_alternateenclosure")
        if not alts:
            tap(got is None, f"{label} has no alternateEnclosure")
            continue
        last = alts[-1]
        tap(got is not None and all(got.get(k) == last[k] for k in
                                    ("type", "length", "title") if k in last),
            f"{label} last alternateEnclosure {got}")
        tap(item.get("podcast_source") == {"uri": last["uri"],
                                           "contenttype": last["type"]},
            f"{label} last podcast:source {item.get('podcast_source')}")
        tap(item.get("podcast_integrity") == {"type": "sri",
                                              "value": last["sri"]},
            f"{label} last podcast:integrity is the SRI of the file")


def check_p20_podcastparser(feed_path, x):
    with open(feed_path, "rb") as f:
        pp = podcastparser.parse(x.base + "/feed.xml", f)
    tap(pp.get("cover_url") == x.artwork(),
        f"podcastparser: cover_url {pp.get('cover_url')}")
    eps = pp.get("episodes", [])
    tap(len(eps) == len(x.live),
        f"podcastparser: {len(eps)} episodes for {len(x.live)} live episodes")
    for item in eps:
        e = x.by_guid.get(item["guid"])
        if e is None:
            tap(False, f"podcastparser: unknown guid {item['guid']}")
            continue
        label = f"podcastparser: episode {e['id']}"
        encs = [enc["url"] for enc in item["enclosures"]]
        tap(encs == [x.url(e["file"])],
            f"{label} one enclosure, the main file, whatever the "
            f"alternateEnclosures ({encs})")
        art = x.url(e["image"]) if e["image"] else None
        tap(item.get("episode_art_url") == art,
            f"{label} episode_art_url is itunes:image, not the poster "
            f"({item.get('episode_art_url')})")
        tap("chapters" not in item,
            f"{label} no chapters: podcastparser reads only psc:chapters")


def check_p20_chapters(feed_path, x, siar):
    """Each chapters file beside the feed against `siar probe --json`."""
    for e in x.live:
        if not e["chapters"]:
            continue
        label = f"chapters file of episode {e['id']}"
        path = os.path.join(os.path.dirname(feed_path), "chapters",
                            e["guid"] + ".json")
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as ex:
            tap(False, f"{label} parses as JSON: {ex}")
            continue
        tap(True, f"{label} parses as JSON")
        probe = json.loads(subprocess.run(
            [siar, "probe", "--json", e["file"]], capture_output=True,
            text=True, check=True).stdout)
        tap(doc.get("version") == "1.2.0", f"{label} version 1.2.0")
        tap(doc.get("title") == e["title"]
            and doc.get("podcastName") == x.show["title"],
            f"{label} episode title and podcast name")
        got = doc.get("chapters", [])
        starts = [c.get("startTime") for c in got]
        tap(all(type(s) in (int, float) for s in starts)
            and starts == sorted(starts),
            f"{label} startTime numbers in order {starts}")
        want = probe.get("chapters", [])
        tap(len(got) == len(want) and len(want) > 0,
            f"{label} has the media's {len(want)} chapters")
        for i, (c, w) in enumerate(zip(got, want)):
            end_ok = ("endTime" not in c if w["end"] <= w["start"] else
                      abs(c.get("endTime", -1) - w["end"]) < 0.0005)
            tap(abs(c["startTime"] - w["start"]) < 0.0005 and end_ok
                and c.get("title") == w["title"],
                f"{label} chapter {i + 1} {c} is the media's {w}")


def check_p20(feed_path, list_path, people_path, shows_path, hosts, siar,
              start):
    global n
    n = int(start)
    x = P20(list_path, people_path, shows_path, hosts)
    check_p20_feedparser(feed_path, x)
    check_p20_podcastparser(feed_path, x)
    check_p20_chapters(feed_path, x, siar)


if len(sys.argv) > 1 and sys.argv[1] == "--p20":
    check_p20(*sys.argv[2:9])
    sys.exit(0)

feed_path, list_path, expected_path, base_url, start = sys.argv[1:6]
n = int(start)


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
