#!/usr/bin/python3
# bench-feed-feedgenerator.py DUMP.json OUT.xml: the feed `siar feed`
# writes, written with Debian's python3-feedgenerator instead, for
# scripts/bench-feed to time.
#
# DUMP.json comes from scripts/bench-feed-dump.py. The writer is
# feedgenerator's Rss201rev2Feed, subclassed as its documentation
# suggests for podcasts: the itunes, podcast, atom and content namespaces
# on the root, and the channel and item elements siar writes, in siar's
# order (Rss201rev2Feed's own would add an empty <link> to every item and
# get the channel image URL wrong). Values, escaping, RFC 2822 dates in
# the show's time zone and the XML itself are feedgenerator's; it writes
# no indentation. Reading the JSON counts in the time, as siar's
# reading of its catalogue does.
import html
import datetime
import json
import sys
import zoneinfo

from feedgenerator import Enclosure, Rss201rev2Feed
from feedgenerator.django.utils.feedgenerator import rfc2822_date

NAMESPACES = {
    "xmlns:itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "xmlns:podcast": "https://podcastindex.org/namespace/1.0",
    "xmlns:atom": "http://www.w3.org/2005/Atom",
    "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
}


def true_false(b):
    return "true" if b else "false"


def duration_seconds(ms):
    # feed/feed.c: whole seconds, half up; a non-zero duration is never 0.
    s = ms // 1000 + (ms % 1000 >= 500)
    return 1 if s == 0 and ms > 0 else s


class PodcastFeed(Rss201rev2Feed):
    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs.update(NAMESPACES)
        return attrs

    def add_root_elements(self, h):
        f = self.feed
        h.addQuickElement("title", f["title"])
        h.addQuickElement("link", f["link"])
        h.addQuickElement("description", f["description"])
        h.addQuickElement("language", f["language"])
        if f["feed_copyright"] is not None:
            h.addQuickElement("copyright", f["feed_copyright"])
        h.addQuickElement("atom:link", None, {
            "href": f["feed_url"], "rel": "self",
            "type": "application/rss+xml"})
        h.addQuickElement("itunes:author", f["author_name"])
        if f["owner_name"] or f["owner_email"]:
            h.startElement("itunes:owner", {})
            if f["owner_name"]:
                h.addQuickElement("itunes:name", f["owner_name"])
            if f["owner_email"]:
                h.addQuickElement("itunes:email", f["owner_email"])
            h.endElement("itunes:owner")
        if f["image"] is not None:
            h.addQuickElement("itunes:image", None, {"href": f["image"]})
            h.startElement("image", {})
            h.addQuickElement("url", f["image"])
            h.addQuickElement("title", f["title"])
            h.addQuickElement("link", f["link"])
            h.endElement("image")
        if f["itunes_category"]:
            h.startElement("itunes:category",
                           {"text": f["itunes_category"]})
            if f["itunes_subcategory"]:
                h.addQuickElement("itunes:category", None,
                                  {"text": f["itunes_subcategory"]})
            h.endElement("itunes:category")
        h.addQuickElement("itunes:explicit", true_false(f["explicit"]))
        h.addQuickElement("itunes:type", f["show_type"] or "episodic")
        h.addQuickElement("podcast:guid", f["id"])
        h.addQuickElement("podcast:medium", f["medium"] or "podcast")
        if f["owner_email"]:
            h.addQuickElement("podcast:locked", "no",
                              {"owner": f["owner_email"]})
        h.addQuickElement("podcast:updateFrequency", f["update_label"],
                          {"rrule": f["update_rrule"]})
        h.addQuickElement("lastBuildDate", rfc2822_date(f["last_build"]))
        h.addQuickElement("generator", "feedgenerator")

    def add_item_elements(self, h, item):
        h.addQuickElement("title", item["title"])
        h.addQuickElement("description", item["description"])
        # The description as siar's content:encoded has it: one paragraph.
        if item["description"]:
            h.addQuickElement("content:encoded", "<p>%s</p>" % html.escape(
                item["description"], quote=False))
        enc = item["enclosure"]
        h.addQuickElement("enclosure", None, {
            "url": enc.url, "length": enc.length, "type": enc.mime_type})
        h.addQuickElement("guid", item["unique_id"],
                          {"isPermaLink": "false"})
        h.addQuickElement("pubDate", rfc2822_date(item["pubdate"]))
        if item["duration_ms"] > 0:
            h.addQuickElement("itunes:duration",
                              str(duration_seconds(item["duration_ms"])))
        h.addQuickElement("itunes:episodeType", item["episode_type"])
        season, number = item["season"], item["episode"]
        if season > 0:
            h.addQuickElement("itunes:season", str(season))
        if number > 0:
            h.addQuickElement("itunes:episode", str(number))
        if season > 0:
            h.addQuickElement("podcast:season", str(season))
        if number > 0:
            h.addQuickElement("podcast:episode", str(number))
        h.addQuickElement("itunes:explicit", true_false(item["explicit"]))
        for name in item["guests"]:
            h.addQuickElement("podcast:person", name,
                              {"role": "guest", "group": "cast"})
        for c in item["credits"]:
            h.addQuickElement("podcast:person", c["name"],
                              {"role": c["role"], "group": c["group"]})
        for cat in item["categories"]:
            h.addQuickElement("category", cat)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: bench-feed-feedgenerator.py DUMP.json OUT.xml")
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    show = data["show"]
    tz = zoneinfo.ZoneInfo(show["timezone"])

    def date(unix):
        return datetime.datetime.fromtimestamp(unix, tz)

    feed = PodcastFeed(
        title=show["title"], link=show["link"],
        description=show["description"], language=show["language"],
        author_name=show["author"], feed_url=show["feed_url"],
        feed_copyright=show["copyright"], image=show["image"],
        feed_guid=show["feed_guid"], owner_name=show["owner_name"],
        owner_email=show["owner_email"],
        itunes_category=show["category"],
        itunes_subcategory=show["subcategory"], explicit=show["explicit"],
        show_type=show["show_type"], medium=show["medium"],
        update_rrule=show["update_rrule"], update_label=show["update_label"],
        last_build=date(show["last_build_unix"]))
    for ep in data["episodes"]:
        feed.add_item(
            title=ep["title"], link=None, description=ep["description"],
            unique_id=ep["guid"], pubdate=date(ep["published_unix"]),
            enclosure=Enclosure(ep["enclosure_url"],
                                str(ep["enclosure_length"]),
                                ep["enclosure_type"]),
            categories=ep["topics"], duration_ms=ep["duration_ms"],
            episode_type=ep["episode_type"], season=ep["season"],
            episode=ep["episode"],
            explicit=show["explicit"] or ep["explicit"],
            guests=ep["guests"], credits=ep["credits"])
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        feed.write(out, "utf-8")


main()
