#!/usr/bin/env bash
# siar build end to end: two shows of one office (an audio podcast with 23
# episodes, chapters, a transcript, guests and topics; a video show with a
# hostile title), built into a site that is then checked file by file,
# page by page (tests/e2e/check_site.py), rebuilt to prove unchanged files
# keep their time stamps, and read in headless Chromium
# (tests/js/check_site.js) with screenshots in $BUILD/screenshots.
set -u
. "$(dirname "$0")/lib.sh"

here=$(cd "$(dirname "$0")" && pwd)
site="$WORK/site"
media="$WORK/media"
mkdir -p "$media"
hostile='<script>alert(1)</script> "Kutip" & '"'"'apos'"'"' 🎙️ Debat'

siar init >/dev/null
siar show add kpu-jateng --title "Suara KPU Jawa Tengah" \
	--author "KPU Provinsi Jawa Tengah" \
	--description "Obrolan mingguan seputar tahapan pemilu dan pilkada di Jawa Tengah." \
	--base-url https://kpu-jateng.example.id/podcast --category Government \
	--image "$SIAR_SAMPLES/artwork-podcast.jpg" --no-review \
	--owner-name "Humas KPU Jateng" --owner-email humas@kpu-jateng.example.id \
	--apple-url https://podcasts.apple.com/id/podcast/suara-kpu-jateng/id1234567890 \
	--office "KPU Provinsi Jawa Tengah" --level province \
	--region "Jawa Tengah" --host "Humas KPU Jateng" >/dev/null
siar show add video-jateng --title "Video Edukasi Pemilih" \
	--author "KPU Provinsi Jawa Tengah" --medium video \
	--base-url https://kpu-jateng.example.id/video --category Education \
	--image "$SIAR_SAMPLES/artwork-video.png" --no-review \
	--owner-name "Humas KPU Jateng" --owner-email humas@kpu-jateng.example.id \
	--office "KPU Provinsi Jawa Tengah" >/dev/null
siar person add "Tri Tujiana" --organisation "KPU Provinsi Jawa Tengah" \
	--position "Sekretaris" >/dev/null
siar person add "Dr. Siti Nurhaliza" \
	--organisation "Universitas Diponegoro" --position "Dosen" >/dev/null

# 22 short episodes of their own (distinct files), for two pages of them.
n=0
for i in $(seq 1 22); do
	f="$media/rekap-$i.mp3"
	ffmpeg -nostdin -v error -f lavfi -i "sine=frequency=$((200 + i * 20)):duration=1" \
		-q:a 9 "$f"
	id=$(siar add --show kpu-jateng --quiet --title "Rekapitulasi bagian $i" \
		--description "Bagian $i dari seri rekapitulasi suara." \
		--topic "Rekapitulasi" "$f") || break
	siar publish --at "2025-01-$(printf %02d $i) 10:00" "$id" >/dev/null
	n=$((n + 1))
done
check "22 short episodes are added and published" test "$n" -eq 22

cat >"$media/transkrip.vtt" <<'EOF'
WEBVTT

NOTE dibuat oleh tim humas

00:00:00.000 --> 00:00:03.000
<v Pembawa acara>Selamat datang di Suara KPU Jawa Tengah.

00:00:03.000 --> 00:00:06.500
Hari ini kita membahas &amp; menjelaskan tahapan pemilu.
EOF
run_siar add --show kpu-jateng --title "Tahapan Pemilu 2029: Penjelasan Lengkap" \
	--description "Sekretaris KPU Provinsi Jawa Tengah menjelaskan tahapan.

Paragraf kedua: <b>tebal</b> & aman.<script>alert(2)</script> <a href=\"javascript:alert(3)\" onclick=\"alert(4)\">tautan</a>" \
	--guest "Tri Tujiana" --guest "Dr. Siti Nurhaliza" \
	--topic "Tahapan Pemilu" --topic "Pilkada 2024" --season 1 --episode 7 \
	--transcript "$media/transkrip.vtt:id" \
	"$SIAR_SAMPLES/episode-09-chapters.m4a"
chapters_id=$out
siar publish --at "2025-03-01 10:00" "$chapters_id" >/dev/null
check "an episode with chapters, guests and a transcript is published" \
	test "$status" -eq 0

run_siar add --show video-jateng --title "$hostile" \
	--topic "Edukasi Pemilih" "$SIAR_SAMPLES/video-01.mp4"
hostile_id=$out
siar publish --at "2025-02-01 09:00" "$hostile_id" >/dev/null
# A draft stays out of the site.
run_siar add --show video-jateng --title "Draf rahasia" \
	"$SIAR_SAMPLES/video-03.webm"
draft_id=$out

run_siar build "$site" --base-url https://kpu-jateng.example.id/situs
check "build succeeds" test "$status" -eq 0
check "build prints what it did" \
	test "${out#built}" != "$out" -a "${out#*2 shows, 24 episodes}" != "$out"
check "no OUTDIR.new is left beside the site" test ! -e "$site.new"

expected=(index.html style.css site.js shows.opml .siar-site
	kpu-jateng/index.html kpu-jateng/page-2.html kpu-jateng/feed.xml
	kpu-jateng/feed.json kpu-jateng/artwork-podcast.jpg
	"kpu-jateng/episode-$chapters_id.html" kpu-jateng/episode-09-chapters.m4a
	kpu-jateng/transkrip.vtt kpu-jateng/rekap-1.mp3
	video-jateng/index.html "video-jateng/episode-$hostile_id.html"
	video-jateng/video-01.mp4 video-jateng/artwork-video.png
	embed/kpu-jateng.html embed/video-jateng.html
	topics/index.html topics/rekapitulasi.html topics/tahapan-pemilu.html
	people/index.html people/tri-tujiana.html people/dr-siti-nurhaliza.html)
missing=""
for f in "${expected[@]}"; do
	[ -f "$site/$f" ] || missing="$missing $f"
done
check "every expected file is there${missing:+ (missing:$missing)}" test -z "$missing"
check "chapters JSON is written for the episode with chapters" \
	test "$(ls "$site/kpu-jateng/chapters" | wc -l)" -eq 1
check "the draft has no page" test ! -e "$site/video-jateng/episode-$draft_id.html"
check "the draft's media is not published" test ! -e "$site/video-jateng/video-03.webm"
check "media are hard links to the catalogue's files" \
	test "$(stat -c %i "$site/kpu-jateng/rekap-1.mp3")" = \
	"$(stat -c %i "$media/rekap-1.mp3")"
check "page 2 exists and page 3 does not" \
	test -f "$site/kpu-jateng/page-2.html" -a ! -e "$site/kpu-jateng/page-3.html"

"$PYTHON" "$here/check_site.py" "$site" "$tap_n" >"$WORK/pages.tap"
cat "$WORK/pages.tap"
tap_n=$((tap_n + $(grep -c '^\(not \)\?ok' "$WORK/pages.tap")))

for f in "$site/kpu-jateng/feed.xml" "$site/shows.opml"; do
	if xmllint --noout "$f" 2>"$WORK/xmllint.err"; then
		ok "xmllint accepts $(basename "$f")"
	else
		not_ok "xmllint rejects $f: $(head -3 "$WORK/xmllint.err")"
	fi
done
check "shows.opml lists both feeds" test "$(xmllint --xpath \
	'count(/opml[@version="2.0"]/body/outline[@type="rss"][@xmlUrl])' \
	"$site/shows.opml")" = 2
check "shows.opml points at the site's feeds" test "$(xmllint --xpath \
	'string(//outline[1]/@xmlUrl)' "$site/shows.opml")" = \
	"https://kpu-jateng.example.id/situs/kpu-jateng/feed.xml"

ep_page="$site/kpu-jateng/episode-$chapters_id.html"
check "the hostile title is never written as markup" \
	test -z "$(grep -rl '<script>alert' "$site" --include='*.html')"
check "the hostile title is escaped in its page" grep -q \
	'&lt;script&gt;alert(1)&lt;/script&gt; &quot;Kutip&quot; &amp; &#39;apos&#39; 🎙️ Debat' \
	"$site/video-jateng/episode-$hostile_id.html"
check "a description's markup is sanitised: allowed tags kept" \
	grep -q '<b>tebal</b> &amp; aman' "$ep_page"
check "and scripts, event attributes and javascript: links dropped" \
	test -z "$(grep -e 'alert(2)' -e 'javascript:' -e 'onclick' "$ep_page")" -a \
	-n "$(grep 'tautan' "$ep_page")"
check "JSON Feed carries the sanitised description as content_html" \
	"$PYTHON" -c "
import json
items = json.load(open('$site/kpu-jateng/feed.json'))['items']
it = [i for i in items if i['title'].startswith('Tahapan Pemilu 2029')][0]
assert '<b>tebal</b> &amp; aman' in it['content_html'], it
assert 'alert' not in it['content_html'] and 'javascript' not in it['content_html']
assert it['content_text'].startswith('Sekretaris KPU'), it['content_text']"
check "the show page links to the show in Apple Podcasts" \
	grep -q 'href="https://podcasts.apple.com/id/podcast/suara-kpu-jateng/id1234567890"' \
	"$site/kpu-jateng/index.html"
check "and subscribes in AntennaPod by the feed's URL" \
	grep -q 'href="https://antennapod.org/deeplink/subscribe?url=https%3A%2F%2Fkpu-jateng.example.id%2Fsitus%2Fkpu-jateng%2Ffeed.xml"' \
	"$site/kpu-jateng/index.html"
check "a show without a Spotify page has no Spotify link" \
	test -z "$(grep -l '>Spotify<' "$site/kpu-jateng/index.html" "$site/video-jateng/index.html")"
check "the episode page names the guests' organisations" \
	grep -q 'Sekretaris, KPU Provinsi Jawa Tengah' "$ep_page"
check "the episode page's chapters are media fragment links" \
	grep -q 'href="episode-09-chapters.m4a#t=[0-9.]*" data-seek=' "$ep_page"
check "the embed page opens episodes in a new tab" \
	grep -q 'target="_blank" rel="noopener"' "$site/embed/kpu-jateng.html"
check "the feed's enclosures use the --base-url" grep -q \
	'url="https://kpu-jateng.example.id/situs/kpu-jateng/episode-09-chapters.m4a"' \
	"$site/kpu-jateng/feed.xml"

# JSON Feed and RSS agree: same IDs, sizes and durations.
"$PYTHON" - "$site/kpu-jateng/feed.xml" "$site/kpu-jateng/feed.json" \
	>"$WORK/json.out" 2>&1 <<'EOF'
import json, sys
import xml.etree.ElementTree as ET
rss = ET.parse(sys.argv[1]).getroot()
ns = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}
items = [(i.findtext("guid"), int(i.find("enclosure").get("length")),
          int(i.findtext("itunes:duration", namespaces=ns)))
         for i in rss.iter("item")]
feed = json.load(open(sys.argv[2]))
assert feed["version"] == "https://jsonfeed.org/version/1.1"
got = [(i["id"], i["attachments"][0]["size_in_bytes"],
        i["attachments"][0]["duration_in_seconds"]) for i in feed["items"]]
assert got == items, (got[:3], items[:3])
print("same", len(items))
EOF
check "feed.json has the RSS feed's IDs, sizes and durations ($(cat "$WORK/json.out"))" \
	grep -q "^same 23$" "$WORK/json.out"

# A rebuild with nothing changed rewrites nothing.
snapshot() {
	(cd "$site" && find . -type f -printf '%P %i %T@\n' | sort)
}
snapshot >"$WORK/before"
run_siar build "$site" --base-url https://kpu-jateng.example.id/situs
snapshot >"$WORK/after"
check "a second build succeeds" test "$status" -eq 0
check "a second build writes nothing (${out#*files })" \
	test "${out#*(0 written, 0 media linked, 0 copied, 0 removed)}" != "$out"
if cmp -s "$WORK/before" "$WORK/after"; then
	ok "a second build keeps every file's inode and time stamp"
else
	not_ok "a second build changed files:"
	diff "$WORK/before" "$WORK/after" | head -10 | sed 's/^/# /'
fi

# An edit rewrites only what shows it.
siar edit "$chapters_id" --title "Tahapan Pemilu 2029: Penjelasan Singkat" >/dev/null
run_siar build "$site" --base-url https://kpu-jateng.example.id/situs
snapshot >"$WORK/edited"
changed=$(join -v 2 "$WORK/after" "$WORK/edited" | awk '{print $1}' | sort -u |
	tr '\n' ' ')
join "$WORK/after" "$WORK/edited" | awk '$2 != $4 || $3 != $5 {print $1}' \
	>"$WORK/changed"
changed=$(sort -u "$WORK/changed" | tr '\n' ' ')
check "after an edit the episode's page is rewritten" \
	test "${changed#*kpu-jateng/episode-$chapters_id.html}" != "$changed"
check "after an edit the show's feeds are rewritten" \
	test "${changed#*kpu-jateng/feed.xml}" != "$changed"
check "after an edit other episodes' pages are not (changed: $changed)" \
	test "${changed#*kpu-jateng/episode-1.html}" = "$changed" -a \
	"${changed#*style.css}" = "$changed" -a \
	"${changed#*video-jateng/index.html}" = "$changed" -a \
	"${changed#*kpu-jateng/page-2.html}" = "$changed"
check "the new title is on the episode's page" \
	grep -q "Penjelasan Singkat" "$site/kpu-jateng/episode-$chapters_id.html"

# Unpublishing removes an episode's page and files.
siar unpublish "$hostile_id" >/dev/null
run_siar build "$site" --base-url https://kpu-jateng.example.id/situs
check "an unpublished episode's page and media go" \
	test ! -e "$site/video-jateng/episode-$hostile_id.html" -a \
	! -e "$site/video-jateng/video-01.mp4" -a "${out#* 0 removed}" = "$out"
siar publish --at "2025-02-01 09:00" "$hostile_id" >/dev/null
run_siar build "$site" --base-url https://kpu-jateng.example.id/situs

# Refusals leave the site as it was.
mkdir -p "$WORK/other"
echo "penting" >"$WORK/other/catatan.txt"
expect_failure "a folder siar did not build is refused" ".siar-site" \
	build "$WORK/other"
check "the refused folder is untouched" \
	test "$(ls "$WORK/other")" = "catatan.txt"
expect_failure "an unknown --lang is refused" "bad language" \
	build --lang fr "$site"
mkdir -p "$media/lain"
ffmpeg -nostdin -v error -f lavfi -i "sine=frequency=900:duration=1" \
	-q:a 9 "$media/lain/rekap-1.mp3"
clash_id=$(siar add --show kpu-jateng --quiet "$media/lain/rekap-1.mp3")
siar publish "$clash_id" >/dev/null
snapshot >"$WORK/before"
# The feed checks of 'siar feed' see the clash first.
run_siar build "$site"
check "a show whose feed has errors is not built: each error, then one line" \
	test "$status" -eq 1 -a \
	"$(printf '%s\n' "$err_text" | grep -c '^error enclosure-duplicate ')" -eq 1 -a \
	"$(printf '%s\n' "$err_text" | tail -n 1)" = "siar: build: 1 error: nothing written (see 'siar lint SLUG'; --force builds anyway)"
# With --force the builder's own check still refuses two files of one name.
expect_failure "two files of one name in a show are refused, naming both" \
	"would both be published as 'rekap-1.mp3'" build --force "$site"
check "the error names both files" \
	test "${err_text#*$media/rekap-1.mp3}" != "$err_text" -a \
	"${err_text#*$media/lain/rekap-1.mp3}" != "$err_text"
snapshot >"$WORK/after"
check "a failed build leaves the site as it was" cmp -s "$WORK/before" "$WORK/after"
check "a failed build leaves nothing beside the site" test ! -e "$site.new"
siar rm --force "$clash_id" >/dev/null

# English interface.
run_siar build --lang en "$WORK/site-en"
check "--lang en builds the English site" test "$status" -eq 0 -a \
	-n "$(grep -l 'lang="en"' "$WORK/site-en/index.html")" -a \
	-n "$(grep -l 'Skip to content' "$WORK/site-en/kpu-jateng/index.html")"
check "English dates read '1 March 2025'" \
	grep -q '>1 March 2025<' "$WORK/site-en/kpu-jateng/episode-$chapters_id.html"
check "Indonesian dates read '1 Maret 2025'" \
	grep -q '>1 Maret 2025<' "$site/kpu-jateng/episode-$chapters_id.html"

# Headless Chromium, over HTTP.
js="$here/../js"
shots="${BUILD:-$WORK}/screenshots"
if [ ! -d "$js/node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
	not_ok "playwright-core or chromium is missing (run scripts/install-deps.sh)"
	exit 0
fi
mkdir -p "$shots"
# Served by siar serve, on a free port, as an office without a web
# server would publish it.
"$SIAR" serve "$site" --port 0 2>"$WORK/http.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
port=""
for _ in $(seq 50); do
	port=$(sed -n 's|^siar: serving .* at http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' \
		"$WORK/http.log")
	[ -n "$port" ] && break
	sleep 0.1
done
cat >"$WORK/expect.json" <<EOF
{
  "lang": "id",
  "shows": ["kpu-jateng", "video-jateng"],
  "show": {"slug": "kpu-jateng", "title": "Suara KPU Jawa Tengah", "episodes": 23},
  "episode": {
    "page": "kpu-jateng/episode-$chapters_id.html",
    "guests": ["Tri Tujiana", "Dr. Siti Nurhaliza"],
    "organisations": ["KPU Provinsi Jawa Tengah", "Universitas Diponegoro"],
    "topics": ["Tahapan Pemilu", "Pilkada 2024"],
    "chapters": 3,
    "transcript_line": "Hari ini kita membahas & menjelaskan tahapan pemilu."
  },
  "hostile": {
    "page": "video-jateng/episode-$hostile_id.html",
    "show_page": "video-jateng/index.html",
    "title": $("$PYTHON" -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$hostile")
  },
  "embed": "embed/kpu-jateng.html",
  "phone_pages": [["home", "index.html"], ["show", "kpu-jateng/index.html"],
    ["episode", "kpu-jateng/episode-$chapters_id.html"],
    ["video", "video-jateng/episode-$hostile_id.html"],
    ["topic", "topics/rekapitulasi.html"], ["person", "people/tri-tujiana.html"],
    ["embed", "embed/kpu-jateng.html"]]
}
EOF
node "$js/check_site.js" "http://127.0.0.1:$port/" "$WORK/expect.json" \
	"$shots" "$((tap_n + 1))"
