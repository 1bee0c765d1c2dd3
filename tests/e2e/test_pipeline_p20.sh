#!/usr/bin/env bash
# End to end, Podcasting 2.0: a video show with hosts (one with a link and
# a photo), artwork as a file, a video episode with a guest, a credit,
# captions, subtitles, its poster and two renditions (WebM, audio only),
# an MP3 with chapters and a guest, an MP3 with cover art, and a draft
# with chapters. The feed and its chapters files are written with -o and
# read back by xmllint, feedparser, podcastparser and podcast-partytime;
# the chapters files are compared with `siar probe --json` of the media.
set -u
. "$(dirname "$0")/lib.sh"

S=$SIAR_SAMPLES
in="$WORK/in"
site="$WORK/site"
base="https://kpu.example.id/p20"
mkdir -p "$in" "$site"

# Inputs made here: artwork, an audio-only rendition, captions, subtitles.
ff=(ffmpeg -hide_banner -nostdin -loglevel error -y)
"${ff[@]}" -f lavfi -i "color=c=0x1a5c8b:size=1400x1400" -frames:v 1 \
	"$in/Sampul Siniar.jpg"
"${ff[@]}" -i "$S/video-01.mp4" -vn -map_metadata -1 -c:a copy \
	"$in/video-01 audio.m4a"
printf 'WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nSelamat datang.\n\n%s\n%s\n' \
	"00:00:04.000 --> 00:00:08.000" "Edukasi pemilih." >"$in/video-01.vtt"
printf '1\n00:00:00,000 --> 00:00:04,000\nWelcome.\n' >"$in/video-01.en.srt"
check "the test inputs were made" test -s "$in/Sampul Siniar.jpg" \
	-a -s "$in/video-01 audio.m4a"

siar init >/dev/null
run_siar show add kpu-p20 --title "Video Edukasi KPU" \
	--author "KPU Kabupaten Grobogan" --base-url "$base/" \
	--category Government --medium video --cadence biweekly --no-review \
	--image "$in/Sampul Siniar.jpg" --owner-email humas@kpu.example.id \
	--host "Rina Wijaya" --host "Agus Salim"
check "show add with hosts and artwork as a file" test "$status" -eq 0
run_siar person edit "Rina Wijaya" --url https://kpu.example.id/rina \
	--photo https://kpu.example.id/foto/rina.jpg
check "person edit gives a host a link and a photo" test "$status" -eq 0
run_siar person add "Budi Santoso" --url https://id.example.org/budi \
	--photo https://id.example.org/budi.png
check "person add gives a guest a link and a photo" test "$status" -eq 0

# add_one NAME ARGS...: add one episode, keeping its ID in ids[NAME].
declare -A ids
add_one() {
	local name="$1"
	shift
	run_siar add --show kpu-p20 --quiet "$@"
	if [ "$status" -eq 0 ] && [[ "$out" =~ ^[0-9]+$ ]]; then
		ok "add $name ($out)"
		ids[$name]=$out
	else
		not_ok "add $name (status $status: $err_text)"
		ids[$name]=0
	fi
}
add_one video --guest "Budi Santoso" \
	--person "Dewi Lestari:producer:creative direction" \
	--transcript "$in/video-01.vtt" --transcript "$in/video-01.en.srt:en" \
	--rendition "$S/video-03.webm" --rendition "$in/video-01 audio.m4a" \
	"$S/video-01.mp4"
add_one chapters --guest "Budi Santoso" --topic "Tahapan Pemilu" \
	"$S/episode-10-chapters.mp3"
add_one cover "$S/episode-11-cover.mp3"
add_one draft "$S/episode-09-chapters.m4a"
n=0
for name in cover chapters video; do
	n=$((n + 1))
	run_siar publish --at "2025-03-1$n 10:00" "${ids[$name]}"
	check "publish $name" test "$status" -eq 0
done

siar list --json >"$WORK/list.json"
siar person list --json >"$WORK/people.json"
siar show list --json >"$WORK/shows.json"

feed="$site/feed.xml"
run_siar feed kpu-p20 -o "$feed"
check "feed -o writes the feed quietly" \
	test "$status" -eq 0 -a -s "$feed" -a -z "$out"
guid_of() {
	"$PYTHON" -c 'import json, sys
print(next(e["guid"] for e in json.load(open(sys.argv[1]))
      if e["id"] == int(sys.argv[2])))' "$WORK/list.json" "$1"
}
chapters_guid=$(guid_of "${ids[chapters]}")
check "one chapters file, for the live episode with chapters only" \
	test "$(ls "$site/chapters")" = "$chapters_guid.json"

if xmllint --noout "$feed" 2>"$WORK/xmllint.err"; then
	ok "xmllint accepts the feed"
else
	not_ok "xmllint rejects the feed: $(head -3 "$WORK/xmllint.err")"
fi

# xpath EXPR: the string value of EXPR in the feed (by local-name(), as
# xmllint --xpath cannot bind a prefix).
xpath() {
	xmllint --xpath "string($1)" "$feed" 2>/dev/null
}
# The tags partytime 5.0.0 does not read are checked here with xmllint.
check "xmllint: podcast:updateFrequency rrule" \
	test "$(xpath '//channel/*[local-name()="updateFrequency"]/@rrule')" \
	= "FREQ=WEEKLY;INTERVAL=2"
check "xmllint: podcast:updateFrequency says it in Indonesian" \
	test "$(xpath '//channel/*[local-name()="updateFrequency"]')" \
	= "Dua mingguan"
check "xmllint: the video's poster is podcast:image purpose=poster" \
	test "$(xpath '//item[title="Edukasi Pemilih"]/*[local-name()="image"][@purpose="poster"]/@aspect-ratio')" \
	= "4/3"

# run_checker NAME COMMAND...: a checker printing TAP from $tap_n + 1; a
# checker that fails without saying so is one more failure.
run_checker() {
	local name="$1" rc
	shift
	"$@" >"$WORK/checker.tap" 2>&1
	rc=$?
	cat "$WORK/checker.tap"
	tap_n=$((tap_n + $(grep -cE '^(not )?ok ' "$WORK/checker.tap")))
	[ "$rc" -eq 0 ] || not_ok "$name exited with status $rc"
}
run_checker check_feed.py "$PYTHON" "$(dirname "$0")/check_feed.py" --p20 \
	"$feed" "$WORK/list.json" "$WORK/people.json" "$WORK/shows.json" \
	"Rina Wijaya,Agus Salim" "$SIAR" "$tap_n"

js="$(dirname "$0")/../js"
if [ -d "$js/node_modules/podcast-partytime" ] && command -v node >/dev/null; then
	run_checker check_feed.js node "$js/check_feed.js" --p20 "$feed" \
		"$WORK/list.json" "$WORK/people.json" "$WORK/shows.json" \
		"Rina Wijaya,Agus Salim" "$tap_n"
else
	not_ok "podcast-partytime is not installed (run scripts/install-deps.sh)"
fi

# Writing the feed again rewrites no chapters file.
chapters_file="$site/chapters/$chapters_guid.json"
touch -d "2001-09-09 01:46:40 UTC" "$chapters_file"
run_siar feed kpu-p20 -o "$feed"
check "a second feed -o leaves an unchanged chapters file alone" \
	test "$status" -eq 0 -a "$(stat -c %Y "$chapters_file")" = 1000000000

# A topic's feed: a podcast of its own, its chapters beside it.
topic_dir="$site/topics/tahapan-pemilu"
mkdir -p "$topic_dir"
run_siar feed kpu-p20 --topic tahapan-pemilu -o "$topic_dir/feed.xml"
check "feed --topic writes the topic's feed" test "$status" -eq 0
check "the topic's feed is titled SHOW: TOPIC" \
	grep -q "<title>Video Edukasi KPU: tahapan-pemilu</title>" \
	"$topic_dir/feed.xml"
check "the topic's feed names its own URL" grep -q \
	"<atom:link href=\"$base/topics/tahapan-pemilu/feed.xml\" rel=\"self\"" \
	"$topic_dir/feed.xml"
check "the topic's feed holds its one episode" \
	test "$(grep -c '<item>' "$topic_dir/feed.xml")" -eq 1
check "the topic's chapters file is written beside it" \
	cmp -s "$topic_dir/chapters/$chapters_guid.json" "$chapters_file"

# An unknown topic fails before anything is written.
run_siar feed kpu-p20 --topic "Tidak Ada" -o "$site/tidak-ada.xml"
check "an unknown topic fails with one siar: line naming it" \
	test "$status" -eq 1 -a "${err_text#siar: }" != "$err_text" \
	-a "${err_text#*Tidak Ada}" != "$err_text"
check "an unknown topic leaves no feed and no temporary file" \
	test "$(ls "$site")" = "$(printf 'chapters\nfeed.xml\ntopics')"
run_siar feed kpu-p20 --person "Orang Lain"
check "an unknown person fails with nothing on stdout" \
	test "$status" -eq 1 -a -z "$out"
