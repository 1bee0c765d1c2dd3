#!/usr/bin/python3
# bench-feed-dump.py DB SLUG OUT.json: the data of one show's feed, as
# scripts/bench-feed hands it to the other feed writers it times.
#
# Reads the catalogue with the sqlite3 module (schema in catalog/schema.c)
# and writes the show and every live episode (published, its time come),
# newest first, as `siar feed SLUG` orders them: title, description,
# guid, enclosure URL, length and type, publication time, duration,
# guests, other credits, topics, season and episode numbers, explicit
# flag and episode type. What siar derives from the rows without looking
# anything else up (the enclosure URL from the base URL and file name,
# the feed URL, the podcast:guid of a show without one, lastBuildDate's
# time) is worked out here the same way, so that every writer starts from
# the same values. Not timed, and not part of siar.
import json
import sqlite3
import sys
import time
import uuid

# feed-spec §5: the namespace of podcast:guid's UUIDv5.
PODCAST_NS = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                       b"0123456789-._~")


def media_url(base_url, path):
    # feed/feed.c feed_media_url: base URL, '/', each byte of the file
    # name percent-encoded unless RFC 3986 unreserved.
    name = path.rsplit(b"/", 1)[-1]
    enc = "".join(chr(c) if c in UNRESERVED else "%%%02X" % c for c in name)
    return base_url.rstrip("/") + "/" + enc


def podcast_guid(feed_url):
    # feed/feed.c feed_podcast_guid: the URL less scheme and end slashes.
    name = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_NS, name))


def show_of(db, slug, now):
    s = db.execute("SELECT * FROM shows WHERE slug = ?", (slug,)).fetchone()
    if s is None:
        sys.exit("bench-feed-dump: no show '%s'" % slug)
    feed_url = s["base_url"].rstrip("/") + "/feed.xml"
    last = db.execute(
        "SELECT max(?, coalesce((SELECT max(max(updated_unix,"
        " published_unix)) FROM episodes WHERE show_id = ? AND"
        " status = 'published' AND published_unix <= ?), 0))",
        (s["updated_unix"], s["id"], now)).fetchone()[0]
    return {
        "slug": s["slug"],
        "title": s["title"],
        "description": s["description"] or s["title"],
        "link": s["link"] or s["base_url"],
        "language": s["language"],
        "copyright": s["copyright"],
        "author": s["author"],
        "owner_name": s["owner_name"],
        "owner_email": s["owner_email"],
        "image": s["image"],
        "category": s["category"],
        "subcategory": s["subcategory"],
        "explicit": bool(s["explicit"]),
        "show_type": s["show_type"],
        "medium": s["medium"],
        # podcast:updateFrequency as siar writes it for the cadence.
        "update_rrule": {"daily": "FREQ=DAILY", "weekly": "FREQ=WEEKLY",
                         "biweekly": "FREQ=WEEKLY;INTERVAL=2",
                         "monthly": "FREQ=MONTHLY"}[s["cadence"] or "weekly"],
        "update_label": {"daily": "Harian", "weekly": "Mingguan",
                         "biweekly": "Dua mingguan",
                         "monthly": "Bulanan"}[s["cadence"] or "weekly"],
        "feed_url": feed_url,
        "feed_guid": s["feed_guid"] or podcast_guid(feed_url),
        "timezone": s["timezone"],
        "last_build_unix": last,
    }, s


def names(db, sql, episode_id):
    return [r[0] for r in db.execute(sql, (episode_id,))]


def episodes_of(db, show_row, now):
    base = show_row["base_url"]
    rows = db.execute(
        "SELECT id, guid, title, description, CAST(media_path AS BLOB),"
        " media_mime, media_size_bytes, duration_ms, published_unix,"
        " season, episode_number, episode_type, explicit FROM episodes"
        " WHERE show_id = ? AND status = 'published'"
        " AND published_unix <= ?"
        " ORDER BY published_unix DESC, id DESC", (show_row["id"], now))
    for r in rows:
        yield {
            "title": r[2],
            "description": r[3] or r[2],
            "guid": r[1],
            "enclosure_url": media_url(base, r[4]),
            "enclosure_length": max(r[6], 0),
            "enclosure_type": r[5],
            "published_unix": r[8],
            "duration_ms": r[7],
            "guests": names(db, "SELECT p.name FROM episode_people ep"
                            " JOIN people p ON p.id = ep.person_id"
                            " WHERE ep.episode_id = ? AND ep.role = 'guest'"
                            " ORDER BY ep.position", r[0]),
            "credits": [{"name": c[0], "role": c[1], "group": c[2]}
                        for c in db.execute(
                            "SELECT p.name, ep.role, ep.grp"
                            " FROM episode_people ep JOIN people p"
                            " ON p.id = ep.person_id WHERE ep.episode_id = ?"
                            " AND ep.role <> 'guest' ORDER BY ep.position",
                            (r[0],))],
            "topics": names(db, "SELECT t.name FROM episode_topics et"
                            " JOIN topics t ON t.id = et.topic_id"
                            " WHERE et.episode_id = ? ORDER BY et.position",
                            r[0]),
            "season": r[9],
            "episode": r[10],
            "episode_type": r[11],
            "explicit": bool(r[12]),
        }


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: bench-feed-dump.py DB SLUG OUT.json")
    db_path, slug, out = sys.argv[1:]
    db = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    db.row_factory = sqlite3.Row
    now = int(time.time())
    show, row = show_of(db, slug, now)
    data = {"show": show, "episodes": list(episodes_of(db, row, now))}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    print("bench-feed-dump: %d episodes of '%s' in %s"
          % (len(data["episodes"]), slug, out))


main()
