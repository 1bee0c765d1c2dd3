#!/usr/bin/env python3
"""bench-site-hugo.py DB PROJECT BASE_URL: write a Hugo project equivalent
to the site `siar build` makes from catalogue DB, for scripts/bench-site.

Reads the catalogue with sqlite3 only (the schema is catalog/schema.c):
every show, and its published episodes with guests and topics. Writes
PROJECT/config.toml, content/SLUG/_index.md per show,
content/SLUG/episode-ID.md per episode (JSON front matter, the description
as the body) and minimal layouts that render the same kinds of pages siar
does: the home page listing the shows, each show's page paginated by 20,
one page per episode with an <audio preload="none"> player, topic and
person pages (paginated by 20, as siar's), and an RSS feed per show
(Hugo's built-in RSS template). Media files are not copied: each episode
points at BASE_URL/SLUG/FILE, where siar links them.
"""
import json
import os
import shutil
import sqlite3
import sys
from datetime import datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7))

CONFIG = """\
baseURL = %s
languageCode = "id"
title = "Podcast"
paginate = 20
disableKinds = ["sitemap", "robotsTXT", "404"]

[taxonomies]
topic = "topics"
guest = "guests"

[permalinks]
guests = "/people/:slug/"

[outputs]
home = ["HTML"]
section = ["HTML", "RSS"]
page = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]
"""

LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "index.html": """\
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<ul>
{{ range .Site.Sections }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }} episodes)</li>
{{ end }}
</ul>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ $pager := .Paginate .Pages.ByDate.Reverse }}
<ol>
{{ range $pager.Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ .Params.duration }}
<p>{{ .Summary }}</p></li>
{{ end }}
</ol>
<nav>
{{ with $pager.Prev }}<a href="{{ .URL }}">newer</a>{{ end }}
{{ $pager.PageNumber }} / {{ $pager.TotalPages }}
{{ with $pager.Next }}<a href="{{ .URL }}">older</a>{{ end }}
</nav>
{{ end }}
""",
    "_default/terms.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}
</ul>
{{ end }}
""",
    "_default/single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a> ·
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2 January 2006" }}</time> ·
{{ .Params.duration }}</p>
<audio controls preload="none" src="{{ .Params.media }}"></audio>
{{ with .GetTerms "guests" }}<p>Guests: {{ range . }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</p>{{ end }}
{{ with .GetTerms "topics" }}<p>Topics: {{ range . }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</p>{{ end }}
{{ .Content }}
</article>
{{ end }}
""",
}


def duration(ms):
    s = ms // 1000
    return "%d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def front(meta, body):
    return json.dumps(meta, ensure_ascii=False, indent=1) + "\n\n" + (body or "") + "\n"


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: bench-site-hugo.py DB PROJECT BASE_URL")
    db, project, base = sys.argv[1], sys.argv[2], sys.argv[3].rstrip("/") + "/"
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    if os.path.isdir(project):
        shutil.rmtree(project)
    write(os.path.join(project, "config.toml"), CONFIG % json.dumps(base))
    for name, text in LAYOUTS.items():
        write(os.path.join(project, "layouts", name), text)

    guests, topics = {}, {}
    for eid, name in con.execute(
            "SELECT ep.episode_id, p.name FROM episode_people ep"
            " JOIN people p ON p.id = ep.person_id WHERE ep.role = 'guest'"
            " ORDER BY ep.episode_id, ep.position"):
        guests.setdefault(eid, []).append(name)
    for eid, name in con.execute(
            "SELECT et.episode_id, t.name FROM episode_topics et"
            " JOIN topics t ON t.id = et.topic_id"
            " ORDER BY et.episode_id, et.position"):
        topics.setdefault(eid, []).append(name)

    now = int(datetime.now(timezone.utc).timestamp())
    shows = con.execute("SELECT id, slug, title, description FROM shows ORDER BY slug").fetchall()
    for show_id, slug, title, desc in shows:
        write(os.path.join(project, "content", slug, "_index.md"),
              front({"title": title}, desc))
        rows = con.execute(
            "SELECT id, title, description, media_path, duration_ms,"
            " published_unix FROM episodes WHERE show_id = ?"
            " AND status = 'published' AND published_unix <= ?",
            (show_id, now))
        for eid, etitle, edesc, media, ms, pub in rows:
            meta = {
                "title": etitle,
                "date": datetime.fromtimestamp(pub, WIB).isoformat(),
                "duration": duration(ms),
                "guests": guests.get(eid, []),
                "topics": topics.get(eid, []),
                "media": base + slug + "/" + os.path.basename(media),
            }
            write(os.path.join(project, "content", slug, "episode-%d.md" % eid),
                  front(meta, edesc))


if __name__ == "__main__":
    main()
