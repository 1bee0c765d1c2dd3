#!/usr/bin/env bash
# siar lint through the binary: a clean show with real artwork and media
# passes; missing artwork and owner email fail, naming the rules; --json
# parses; a media file that changed after it was added, a missing file,
# and an episode unpublished since the last feed are found. siar feed
# refuses a show with errors, writing nothing, unless --force.
set -u
. "$(dirname "$0")/lib.sh"

siar init >/dev/null
media="$WORK/media"
pub="$WORK/pub"
mkdir -p "$media" "$pub"

ffmpeg -nostdin -loglevel error -f lavfi -i color=c=0x8b0000:s=1400x1400 \
	-frames:v 1 "$WORK/sampul.jpg"
check "ffmpeg makes a 1400x1400 JPEG for the artwork" test -s "$WORK/sampul.jpg"
cp "$SIAR_SAMPLES/episode-03.m4a" "$media/rekap.m4a"
cp "$SIAR_SAMPLES/episode-11-cover.mp3" "$media/debat.mp3"

run_siar show add bersih --title "Suara Pemilu Bandung" \
	--author "KPU Kota Bandung" --base-url https://media.example.id/bandung \
	--description "Siniar resmi KPU Kota Bandung tentang tahapan pemilu." \
	--category Government --image "$WORK/sampul.jpg" \
	--owner-name "Humas KPU Bandung" --owner-email humas@kpu-bandung.example.id \
	--link https://kpu-bandung.example.id --no-review
check "a show with local artwork is added" test "$status" -eq 0
n=0
for f in rekap.m4a debat.mp3; do
	n=$((n + 1))
	id=$(siar add --show bersih --quiet "$media/$f")
	# Eight days and one day ago: the weekly show is on track.
	siar publish --at "$(date -d "-$((15 - 7 * n)) days" +%Y-%m-%d) 10:00" \
		"$id" >/dev/null
	ids+=("$id")
done
rekap_id=${ids[0]}

run_siar lint bersih
check "a clean show passes: exit 0, no problem" \
	test "$status" -eq 0 -a -z "$out" -a "$err_text" = "0 errors, 0 warnings"
run_siar lint --json bersih
check "--json of a clean show: no problem, counts 0" "$PYTHON" -c '
import json, sys
d = json.loads(sys.argv[1])
assert d == {"errors": 0, "warnings": 0, "problems": []}, d
' "$out"

# A show without artwork or owner email.
siar show add kurang --title "Kabar KPU" --author "KPU" \
	--base-url https://media.example.id/kurang --category Government \
	>/dev/null
run_siar lint kurang
check "missing artwork and owner email: exit 1" test "$status" -eq 1
check "the lines name the rules, the show and the message" \
	test -n "$(printf '%s\n' "$out" | grep -x "error artwork-missing show 'kurang': no artwork: .*")" \
	-a -n "$(printf '%s\n' "$out" | grep -x "error owner-email show 'kurang': .*")"
check "the summary counts them on stderr" \
	test "$err_text" = "2 errors, 4 warnings"
run_siar lint --json kurang
check "--json parses, with level, rule, where and message" "$PYTHON" -c '
import json, sys
d = json.loads(sys.argv[1])
rules = {p["rule"]: p for p in d["problems"]}
assert d["errors"] == 2 and d["warnings"] == 4, d
assert rules["artwork-missing"]["level"] == "error", rules
assert rules["owner-email"]["where"] == "show '"'"'kurang'"'"'", rules
assert rules["no-episodes"]["level"] == "warning", rules
assert all(set(p) == {"level", "rule", "where", "message"} for p in d["problems"])
' "$out"
check "--json exits 1 with errors too" test "$status" -eq 1

# siar feed: refused with errors, nothing written; --force writes it.
run_siar feed kurang -o "$pub/kurang.xml"
check "feed refuses a show with errors: exit 1" test "$status" -eq 1
check "feed prints the errors as lint does, and why it refused" \
	test -n "$(printf '%s\n' "$err_text" | grep -x "error artwork-missing show 'kurang': .*")" \
	-a "$(printf '%s\n' "$err_text" | tail -n 1)" = \
	"siar: feed: 2 errors: not written (see 'siar lint kurang'; --force writes it anyway)"
check "feed does not print warnings" \
	test -z "$(printf '%s\n' "$err_text" | grep '^warning')"
check "a refused feed leaves no file, not even a temporary one" \
	test -z "$(ls -A "$pub")"
run_siar feed kurang
check "a refused feed prints nothing on stdout" test "$status" -eq 1 -a -z "$out"
# Redirected to a file, the feed is checked as it is written and then
# taken back: the file is cut back to where this run began.
status=0
siar feed kurang >"$WORK/stdout.xml" 2>/dev/null || status=$?
check "a refused feed redirected to a file leaves it empty" \
	test "$status" -eq 1 -a -f "$WORK/stdout.xml" -a ! -s "$WORK/stdout.xml"
printf 'kept\n' >"$WORK/append.txt"
status=0
siar feed kurang >>"$WORK/append.txt" 2>/dev/null || status=$?
check "appended to a file, a refused feed leaves what was there" \
	test "$status" -eq 1 -a "$(cat "$WORK/append.txt")" = kept
status=0
siar feed kurang 2>/dev/null | cat >"$WORK/piped.xml" || status=$?
check "to a pipe, a refused feed writes nothing" test ! -s "$WORK/piped.xml"
run_siar feed --force kurang -o "$pub/kurang.xml"
check "feed --force writes it anyway" \
	test "$status" -eq 0 -a -s "$pub/kurang.xml" -a -z "$err_text"
check "the forced feed is well-formed" xmllint --noout "$pub/kurang.xml"
siar show edit kurang --image https://media.example.id/kurang/sampul.png \
	--owner-email humas@kpu.example.id >/dev/null
run_siar feed kurang -o "$pub/kurang.xml"
check "with warnings only, feed writes quietly" \
	test "$status" -eq 0 -a -z "$err_text"

# The file changed after it was added.
cp "$media/rekap.m4a" "$WORK/rekap.orig"
printf 'tambahan' >>"$media/rekap.m4a"
run_siar lint bersih
check "a media file grown after add: size-mismatch, exit 1" \
	test "$status" -eq 1 -a -n "$(printf '%s\n' "$out" | grep "^error size-mismatch episode $rekap_id '.*': media file '$media/rekap.m4a' is")"
run_siar lint --no-files bersih
check "--no-files does not open the files" test "$status" -eq 0 -a -z "$out"
mv "$WORK/rekap.orig" "$media/rekap.m4a"
mv "$media/debat.mp3" "$WORK/debat.mp3"
run_siar lint bersih
check "a media file gone: media-missing" \
	test "$status" -eq 1 -a -n "$(printf '%s\n' "$out" | grep '^error media-missing episode ')"
mv "$WORK/debat.mp3" "$media/debat.mp3"

# The feed as published, then an episode unpublished.
run_siar feed bersih -o "$pub/bersih.xml"
check "the clean show's feed is written" test "$status" -eq 0 -a -s "$pub/bersih.xml"
run_siar lint --previous "$pub/bersih.xml" bersih
check "--previous with nothing changed: no problem" \
	test "$status" -eq 0 -a -z "$out"
siar unpublish "$rekap_id" >/dev/null
run_siar lint --previous "$pub/bersih.xml" bersih
check "an unpublished episode: episode-vanished, a warning (exit 0)" \
	test "$status" -eq 0 -a -n "$(printf '%s\n' "$out" | grep "^warning episode-vanished previous feed item '.*': GUID '.*' is no longer in the feed: unpublished or removed; apps drop it$")"
echo '<html><body>bukan feed</body></html>' >"$WORK/bukan.xml"
expect_failure "a previous feed that is not RSS is refused, naming it" \
	"not an RSS feed: '$WORK/bukan.xml'" lint --previous "$WORK/bukan.xml" bersih
expect_failure "lint of an unknown show is refused, naming it" "'tidak-ada'" \
	lint tidak-ada

run_siar lint
check "lint without a show is a usage error" test "$status" -eq 2
run_siar lint bersih kurang
check "lint with two shows is a usage error" test "$status" -eq 2
run_siar lint --bogus bersih
check "lint with an unknown option is a usage error" test "$status" -eq 2

# Artwork measured from the file: a PNG too small, a text file named .jpg.
ffmpeg -nostdin -loglevel error -f lavfi -i color=c=0x004d40:s=1200x1200 \
	-frames:v 1 "$WORK/kecil.png"
siar show edit bersih --image "$WORK/kecil.png" >/dev/null
run_siar lint --no-files bersih
check "--no-files does not measure the artwork" test "$status" -eq 0
run_siar lint bersih
check "a 1200x1200 PNG: artwork-size, exit 1" \
	test "$status" -eq 1 -a "$out" = "error artwork-size show 'bersih': artwork is 1200x1200 px; Apple needs 1400-3000 px square"
echo "bukan gambar" >"$WORK/palsu.jpg"
siar show edit bersih --image "$WORK/palsu.jpg" >/dev/null
run_siar lint bersih
check "a text file named .jpg: artwork-format" \
	test "$status" -eq 1 -a "$out" = "error artwork-format show 'bersih': artwork '$WORK/palsu.jpg' is not a JPEG or PNG image"
rm "$WORK/palsu.jpg"
run_siar lint bersih
check "an artwork file gone: artwork-file" \
	test "$status" -eq 1 -a "$out" = "error artwork-file show 'bersih': artwork file '$WORK/palsu.jpg' is missing"
