#!/usr/bin/env bash
# siar import end to end: every real feed in ../shared/import-samples (or
# $SIAR_SHARED/import-samples) is imported with every GUID, pubDate,
# duration and enclosure kept, as feedparser reads them from the source;
# siar's feed of each show reads back the same in feedparser and
# podcastparser; importing again adds nothing. Then imports by URL from a
# local HTTP server (redirects, a 404, a file:// redirect, size caps,
# --download), malformed and hostile inputs, changed items, --json and
# --dry-run, and a round trip through siar's own feed.
set -u
. "$(dirname "$0")/lib.sh"

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
samples="$repo/../shared/import-samples"
if [ ! -d "$samples" ] && [ -n "${SIAR_SHARED:-}" ]; then
	samples="$SIAR_SHARED/import-samples"
	[ -d "$samples" ] || samples="$SIAR_SHARED"
fi

siar init >/dev/null

# Whether `siar feed` has --force (the lint gate may refuse imported feeds).
force=()
if siar feed --help | grep -q -- '--force'; then
	force=(--force)
fi

# --- Every real feed --------------------------------------------------------

if ! ls "$samples"/*.xml >/dev/null 2>&1; then
	not_ok "no import samples in '$samples' (set SIAR_SHARED)"
fi
for src in "$samples"/*.xml; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .xml)
	slug=${name%%-*}
	if [ "$slug" = youtube ]; then
		expect_failure "$name: a YouTube Atom feed is refused as such" \
			"a YouTube channel's Atom feed" \
			import --show "$slug" "$src"
		continue
	fi
	items=$("$PYTHON" -c 'import feedparser, sys
print(sum(1 for e in feedparser.parse(sys.argv[1]).entries if e.get("enclosures")))' "$src")
	run_siar import --show "$slug" "$src"
	added=$(printf '%s\n' "$out" | grep -c "^added: ")
	check "$name: imports with status 0, '$items added' ($(printf '%s' "$out" | tail -n 1))" \
		test "$status" -eq 0 -a "$added" -eq "$items" \
		-a "$(printf '%s' "$out" | tail -n 1)" = \
		"$items added, 0 updated, 0 unchanged, 0 skipped"
	siar list --json --show "$slug" >"$WORK/$slug.json"
	run_siar feed "${force[@]}" "$slug"
	printf '%s\n' "$out" >"$WORK/$slug.xml"
	check "$name: siar writes its feed" test "$status" -eq 0
	check "$name: xmllint accepts siar's feed" \
		xmllint --noout "$WORK/$slug.xml"
	"$PYTHON" "$here/check_import.py" "$name" "$src" "$WORK/$slug.json" \
		"$WORK/$slug.xml" "$tap_n" >"$WORK/check.tap"
	cat "$WORK/check.tap"
	tap_n=$((tap_n + $(grep -c '^\(not \)\?ok ' "$WORK/check.tap")))
	run_siar import --show "$slug" "$src"
	check "$name: importing again adds nothing" test "$status" -eq 0 \
		-a "$(printf '%s' "$out" | tail -n 1)" = \
		"0 added, 0 updated, $items unchanged, 0 skipped"
done

# The podcast:guid of a feed that has one becomes the show's.
run_siar show list --json
check "the feed's podcast:guid is the show's" "$PYTHON" -c '
import json, sys
shows = {s["slug"]: s for s in json.loads(sys.argv[1])}
assert shows["buzzsprout"]["feed_guid"] == "3cc4156f-bb09-5f55-87d9-2e5089725be1"
assert shows["freedomcontroller"]["feed_guid"] == "917393e3-1b1e-5cef-ace4-edaa54e1f810"
assert shows["libsyn"]["category"] == "Leisure", shows["libsyn"]
assert shows["libsyn"]["subcategory"] == "Video Games", shows["libsyn"]
' "$out"

# A dry run prints what an import prints and changes nothing.
podlove="$samples/podlove-der-lautsprecher.xml"
before=$(dump_db)
run_siar import --show kering --dry-run "$podlove"
check "a dry run says what it would do and writes nothing" \
	test "$status" -eq 0 -a "$before" = "$(dump_db)" -a \
	"$(printf '%s' "$out" | tail -n 1)" = \
	"5 added, 0 updated, 0 unchanged, 0 skipped (dry run: nothing written)"

# --json: one object with the items and the counts.
run_siar import --show json --json "$podlove"
check "--json prints one object with every item" "$PYTHON" -c '
import json, sys
o = json.loads(sys.argv[1])
assert o["added"] == 5 and o["skipped"] == 0 and o["show_created"], o
assert [i["status"] for i in o["items"]] == ["added"] * 5, o["items"]
assert all(i["id"] and i["guid"].startswith("podlove-") for i in o["items"])
' "$out"

# An item changed in the feed: its fields follow, and the log says so.
sed -e '0,/<title>LS019 hr2/s//<title>LS019 (neu) hr2/' \
	-e '0,/Tue, 02 Apr 2019 16:03:22/s//Wed, 03 Apr 2019 16:03:22/' \
	"$podlove" >"$WORK/podlove-changed.xml"
run_siar import --show json "$WORK/podlove-changed.xml"
check "a changed item is updated and reported with its fields" \
	test "$status" -eq 0 -a \
	"$(printf '%s\n' "$out" | grep -c "^changed: title, date: 'LS019 (neu) hr2")" -eq 1 \
	-a "$(printf '%s' "$out" | tail -n 1)" = \
	"0 added, 1 updated, 4 unchanged, 0 skipped"
id=$(printf '%s\n' "$out" | sed -n "s/^changed: .*(episode \([0-9]*\))$/\1/p")
run_siar log "$id"
check "the log records the import and the update" \
	test "$(printf '%s\n' "$out" | grep -c import)" -eq 2 -a \
	"${out#*title, date}" != "$out"

# --- Malformed and hostile inputs ----------------------------------------------

# A small catalogue of its own, so that proving nothing changed is quick.
export SIAR_DB="$WORK/bad.db"
siar init >/dev/null

printf 'SIAR-SECRET-MARKER\n' >"$WORK/secret.txt"
cat >"$WORK/xxe.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY x SYSTEM "file://$WORK/secret.txt">]>
<rss version="2.0"><channel><title>&x;</title><item><title>&x;</title>
<guid>g</guid><pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>
<enclosure url="https://e.example/a.mp3" length="1" type="audio/mpeg"/>
</item></channel></rss>
EOF
expect_failure "a file:// external entity is refused" "declares XML entities" \
	import --show jahat "$WORK/xxe.xml"
check "the secret file never reaches the catalogue" \
	test "$(dump_db | grep -c SIAR-SECRET-MARKER)" -eq 0
{
	echo '<?xml version="1.0"?><!DOCTYPE rss ['
	echo '<!ENTITY a "lollollollollollollollollollol">'
	prev=a
	for e in b c d e f g h i j; do
		printf '<!ENTITY %s "%s">\n' "$e" "$(printf "&$prev;%.0s" 1 2 3 4 5 6 7 8 9 10)"
		prev=$e
	done
	echo ']><rss version="2.0"><channel><title>&j;</title></channel></rss>'
} >"$WORK/laughs.xml"
SECONDS=0
expect_failure "a billion-laughs feed is refused" "declares XML entities" \
	import --show jahat "$WORK/laughs.xml"
check "and refused at once ($SECONDS s)" test "$SECONDS" -le 2
printf 'this is not XML' >"$WORK/text.xml"
expect_failure "what is not XML is refused" "not well-formed XML" \
	import --show jahat "$WORK/text.xml"
: >"$WORK/empty.xml"
expect_failure "an empty file is refused" "Document is empty" \
	import --show jahat "$WORK/empty.xml"
printf '<html><body><h1>Not Found</h1></body></html>' >"$WORK/page.xml"
expect_failure "an HTML page is not an RSS feed" "not an RSS feed" \
	import --show jahat "$WORK/page.xml"
printf '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>' \
	>"$WORK/rss1.xml"
expect_failure "RSS 1.0 is refused" "RSS 1.0" import --show jahat "$WORK/rss1.xml"
truncate -s 65M "$WORK/huge.xml"
expect_failure "a feed over 64 MiB is refused" "larger than 64 MiB" \
	import --show jahat "$WORK/huge.xml"
expect_failure "a missing file is named" "No such file" \
	import --show jahat "$WORK/nothing.xml"
expect_failure "a folder is not a feed" "not a regular file" \
	import --show jahat "$WORK"
mkfifo "$WORK/fifo.xml"
expect_failure "a FIFO is refused without waiting" "not a regular file" \
	import --show jahat "$WORK/fifo.xml"
expect_failure "only http and https URLs are fetched" "only http:// and https://" \
	import --show jahat "ftp://example.com/feed.xml"

cat >"$WORK/partial.xml" <<'EOF'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Sebagian</title>
<link>https://sebagian.example.id/</link>
<item><title>Pengumuman</title><guid>blog-1</guid>
<pubDate>Mon, 03 Jun 2024 10:00:00 +0700</pubDate></item>
<item><title>Tanggal rusak</title><guid>ep-2</guid>
<pubDate>Senin, 3 Juni 2024</pubDate>
<enclosure url="https://sebagian.example.id/2.mp3" length="1" type="audio/mpeg"/></item>
<item><title>Baik</title><guid>ep-3</guid>
<pubDate>Mon, 03 Jun 2024 11:00:00 +0700</pubDate>
<enclosure url="https://sebagian.example.id/3.mp3" length="1" type="audio/mpeg"/></item>
</channel></rss>
EOF
run_siar import --show sebagian "$WORK/partial.xml"
check "items without an enclosure or a good date are skipped, the rest imported" \
	test "$status" -eq 1 -a \
	"$(printf '%s' "$out" | tail -n 1)" = "1 added, 0 updated, 0 unchanged, 2 skipped"
check "each skipped item gets one line naming it and why" \
	test "$(printf '%s\n' "$err_text" | grep -c '^siar: item ')" -eq 2 -a \
	"${err_text#*item 1 \'Pengumuman\': no enclosure: skipped}" != "$err_text" -a \
	"${err_text#*item 2 \'Tanggal rusak\': bad pubDate \'Senin, 3 Juni 2024\': skipped}" != "$err_text"

# --- Over HTTP ------------------------------------------------------------------

web="$WORK/web"
mkdir -p "$web/dir"
cp "$podlove" "$web/feed.xml"
cp "$podlove" "$web/dir/index.html"
truncate -s 65M "$web/huge.xml"
cp "$SIAR_SAMPLES/episode-01.mp3" "$SIAR_SAMPLES/video-01.mp4" "$web/"
: >"$WORK/requests"
"$PYTHON" "$here/http_server.py" "$web" "$WORK/requests" >"$WORK/port" \
	2>"$WORK/server.err" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do
	[ -s "$WORK/port" ] && break
	sleep 0.1
done
port=$(head -n 1 "$WORK/port")
base="http://127.0.0.1:$port"

run_siar import --show http "$base/feed.xml"
check "a feed imports from a URL" test "$status" -eq 0 -a \
	"$(printf '%s' "$out" | tail -n 1)" = "5 added, 0 updated, 0 unchanged, 0 skipped"
check "nothing but the feed is fetched" test "$(cat "$WORK/requests")" = "/feed.xml"
run_siar import --show http2 "$base/dir"
check "a redirect is followed (301 to dir/)" test "$status" -eq 0
run_siar import --show http3 "$base/redirect/5/feed.xml"
check "five redirects are followed" test "$status" -eq 0
expect_failure "a sixth redirect is refused" "cannot fetch" \
	import --show http4 "$base/redirect/6/feed.xml"
expect_failure "a 404 is one line" "HTTP 404" \
	import --show http4 "$base/missing.xml"
expect_failure "a redirect to file:// is refused" "cannot fetch" \
	import --show http4 "$base/to-file"
expect_failure "a feed over 64 MiB by Content-Length is refused" \
	"larger than 64 MiB" import --show http4 "$base/huge.xml"
expect_failure "a feed over 64 MiB without Content-Length is cut off" \
	"larger than 64 MiB" import --show http4 "$base/endless"
expect_failure "a closed port is one line" "cannot fetch" \
	import --show http4 "http://127.0.0.1:1/feed.xml"

# --download: the media of new items is fetched and measured.
cat >"$web/media.xml" <<EOF
<?xml version="1.0"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Unduh</title>
<item><title>Audio</title><guid>audio</guid>
<pubDate>Mon, 03 Jun 2024 10:00:00 +0700</pubDate>
<enclosure url="$base/episode-01.mp3" length="1" type="audio/mpeg"/>
<itunes:duration>99</itunes:duration></item>
<item><title>Video</title><guid>video</guid>
<pubDate>Tue, 04 Jun 2024 10:00:00 +0700</pubDate>
<enclosure url="$base/video-01.mp4" length="2" type="video/mp4"/></item>
<item><title>Hilang</title><guid>gone</guid>
<pubDate>Wed, 05 Jun 2024 10:00:00 +0700</pubDate>
<enclosure url="$base/gone.mp3" length="3" type="audio/mpeg"/></item>
</channel></rss>
EOF
: >"$WORK/requests"
run_siar import --show unduh --download "$base/media.xml"
check "--download imports what it can fetch and skips the rest" \
	test "$status" -eq 1 -a \
	"$(printf '%s' "$out" | tail -n 1)" = "2 added, 0 updated, 0 unchanged, 1 skipped" \
	-a "${err_text#*\'Hilang\': cannot fetch*HTTP 404: skipped}" != "$err_text"
check "--download fetches the feed and each enclosure, nothing else" \
	test "$(sort "$WORK/requests" | tr '\n' ' ')" = \
	"/episode-01.mp3 /gone.mp3 /media.xml /video-01.mp4 "
siar list --json --show unduh >"$WORK/unduh.json"
check "downloaded media is on disk, hashed and measured" "$PYTHON" -c '
import hashlib, json, os, sys
eps = {e["guid"]: e for e in json.load(open(sys.argv[1]))}
probe = {p["path"]: p for p in map(json.loads, sys.argv[2].splitlines())}
for guid, name in (("audio", "episode-01.mp3"), ("video", "video-01.mp4")):
    e = eps[guid]
    src = os.path.join(sys.argv[3], name)
    data = open(src, "rb").read()
    assert e["file"].startswith(sys.argv[4]), e["file"]
    assert open(e["file"], "rb").read() == data, e["file"]
    assert e["sha256"] == hashlib.sha256(data).hexdigest(), e
    assert e["size"] == len(data), e
    assert abs(e["duration"] - probe[src]["duration"]) < 0.001, e
assert eps["video"]["kind"] == "video" and eps["audio"]["mime"] == "audio/mpeg"
' "$WORK/unduh.json" "$(siar probe --json "$web/episode-01.mp3" "$web/video-01.mp4")" \
	"$web" "$WORK/siar-files/media/"
run_siar check --show unduh
check "siar check finds the downloaded files intact" test "$status" -eq 0
run_siar check --show http
check "siar check leaves media kept at a URL alone" test "$status" -eq 0 \
	-a "$out" = "0 files checked, 0 missing, 0 changed"
kill "$server" 2>/dev/null

# --- A round trip through siar's own feed ------------------------------------------

# A catalogue of its own: the samples above are in this one already.
export SIAR_DB="$WORK/asli.db"
siar init >/dev/null
siar show add asli --title "Podcast KPU Asli" --author "KPU Asli" \
	--base-url https://kpu.example.id/media/ --link https://kpu.example.id/ \
	--description "Obrolan pemilu & pilkada" --category Government \
	--image https://kpu.example.id/cover.jpg --owner-name Humas \
	--owner-email humas@kpu.example.id --host "Humas KPU" --copyright KPU \
	--explicit --type serial --cadence monthly --no-review >/dev/null
printf 'WEBVTT\n\n00:00.000 --> 00:01.000\nHalo\n' >"$WORK/t1.vtt"
a=$(siar add --show asli --guest "Ketua KPU" --topic Pilkada \
	--topic "Tahapan Pemilu" --season 1 --episode 1 \
	--person "Budi Santoso:producer:creative direction" \
	--transcript "$WORK/t1.vtt:id" "$SIAR_SAMPLES/episode-01.mp3")
b=$(siar add --show asli --season 1 --episode 2 --description "Bab & bagian" \
	"$SIAR_SAMPLES/episode-09-chapters.m4a")
c=$(siar add --show asli --title Video --rendition "$SIAR_SAMPLES/episode-03.m4a" \
	"$SIAR_SAMPLES/video-01.mp4")
siar person edit "Ketua KPU" --url https://kpu.example.id/ketua \
	--photo https://kpu.example.id/ketua.jpg >/dev/null
n=0
for id in $a $b $c; do
	n=$((n + 1))
	siar publish --at "2025-0$n-1$n 10:00" "$id" >/dev/null
done
mkdir -p "$WORK/site"
siar feed "${force[@]}" asli -o "$WORK/site/feed.xml"
run_siar import --show salinan "$WORK/site/feed.xml"
check "siar's own feed imports" test "$status" -eq 0 -a \
	"$(printf '%s' "$out" | tail -n 1)" = "3 added, 0 updated, 0 unchanged, 0 skipped"
siar feed "${force[@]}" salinan >"$WORK/copy.xml"
# Only what depends on the files siar holds is gone: the hashes of
# podcast:integrity. lastBuildDate is the time of the latest change.
strip() { grep -v -e '<podcast:integrity ' -e '<lastBuildDate>' "$1"; }
if diff <(strip "$WORK/site/feed.xml") <(strip "$WORK/copy.xml") >"$WORK/rt.diff"; then
	ok "importing siar's feed gives back every field it carries"
else
	not_ok "importing siar's feed loses fields"
	sed 's/^/# /' "$WORK/rt.diff" | head -20
fi
check "the round trip keeps hashes out of the copy" \
	test "$(grep -c '<podcast:integrity ' "$WORK/site/feed.xml")" -eq 2 -a \
	"$(grep -c '<podcast:integrity ' "$WORK/copy.xml")" -eq 0
