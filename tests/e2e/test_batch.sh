#!/usr/bin/env bash
# siar add on folders and many files: every media file found, both cores,
# duplicates (same SHA-256) skipped, failures reported at the end without
# stopping the batch; covers, posters, loudness and chapters stored; and
# FFmpeg loaded only by the commands that measure media.
set -u
. "$(dirname "$0")/lib.sh"

siar init >/dev/null
siar show add arsip --title "Arsip KPU" --author "KPU" \
	--base-url https://kpu.example.id/arsip >/dev/null

# A folder tree with media, a non-media file, a hidden file, a bad file.
tree="$WORK/rekaman"
mkdir -p "$tree/2025/januari" "$tree/.cache"
cp "$SIAR_SAMPLES/episode-01.mp3" "$tree/2025/januari/"
cp "$SIAR_SAMPLES/episode-04.opus" "$tree/2025/"
cp "$SIAR_SAMPLES/video-01.mp4" "$tree/"
cp "$SIAR_SAMPLES/not-audio.mp3" "$tree/rusak.mp3"
cp "$SIAR_SAMPLES/episode-05.flac" "$tree/.cache/tersembunyi.flac"
echo "catatan" >"$tree/catatan.txt"
cp "$SIAR_SAMPLES/episode-01.mp3" "$tree/salinan episode 1 — ✓.mp3"

run_siar add --show arsip "$tree"
ids=$(printf '%s\n' "$out" | grep -c '^[0-9][0-9]*$')
check "a folder adds each new media file once, printing its ID ($ids)" \
	test "$ids" -eq 3
check "a batch with a bad file exits 1" test "$status" -eq 1
check "the bad file is reported on one siar: line naming it" \
	test "$(printf '%s\n' "$err_text" | grep -c '^siar: .*rusak.mp3')" -eq 1
check "the copy is skipped as the same file as an earlier episode" \
	grep -q "skipped .*salinan episode 1 — ✓.mp3: same file as episode" \
	"$WORK/stderr"
check "the summary counts added, skipped and failed" \
	grep -qx "added 3, skipped 1, failed 1" "$WORK/stderr"
check "the summary says why each failed" \
	grep -q "^  .*rusak.mp3. is not a media file" "$WORK/stderr"
check "off a terminal, each file gets a plain progress line" \
	test "$(grep -c '^\[[0-9]*/5\] ' "$WORK/stderr")" -eq 5

run_siar add --show arsip --quiet "$tree"
check "--quiet prints errors only; everything else is skipped" \
	test "$status" -eq 1 -a -z "$out" \
	-a "$(printf '%s\n' "$err_text" | grep -vc '^siar: ')" -eq 0
run_siar list --json --show arsip
printf '%s' "$out" >"$WORK/list.json"
check "a re-run adds nothing" "$PYTHON" -c '
import json, sys
assert len(json.load(open(sys.argv[1]))) == 3' "$WORK/list.json"

check "the cover art is saved as the episode image" "$PYTHON" -c '
import json, sys, os
eps = {os.path.basename(e["file"]): e for e in json.load(open(sys.argv[1]))}
e = eps["episode-01.mp3"]
assert e["image"] and e["image"].endswith("-cover.png"), e
assert open(e["image"], "rb").read(8) == b"\x89PNG\r\n\x1a\n", "not a PNG"
v = eps["video-01.mp4"]
assert v["poster"] and open(v["poster"], "rb").read(2) == b"\xff\xd8", v
assert eps["episode-04.opus"]["image"] is None
' "$WORK/list.json"

run_siar add --show arsip --loudness --title "Dengan loudness" \
	"$SIAR_SAMPLES/episode-03.m4a"
run_siar list --json --show arsip
check "add --loudness stores integrated loudness, range and true peak" \
	"$PYTHON" -c '
import json, sys
e = [e for e in json.loads(sys.argv[1]) if e["title"] == "Dengan loudness"][0]
l = e["loudness"]
assert -70 < l["integrated_lufs"] < 0 and l["true_peak_dbtp"] < 1, l
' "$out"

run_siar probe --json --loudness "$SIAR_SAMPLES/episode-01.mp3"
check "probe --loudness adds the loudness object" "$PYTHON" -c '
import json, sys
j = json.loads(sys.argv[1])
assert set(j["loudness"]) == {"integrated_lufs", "range_lu", "true_peak_dbtp"}
assert j["cover"]["present"] and j["cover"]["mime"] == "image/png", j["cover"]
' "$out"

run_siar add --show arsip --title "Poster pada detik 2" --poster-at 2 \
	"$SIAR_SAMPLES/video-02-rotated.mp4"
check "--poster-at takes the poster there" test "$status" -eq 0
run_siar add --show arsip --title "Terlalu jauh" --poster-at 9999 \
	"$SIAR_SAMPLES/video-06.mov"
check "--poster-at past the end is refused for that file" \
	test "$status" -eq 1 -a "${err_text#*9999}" != "$err_text"

# FFmpeg is loaded only by commands that measure media.
check "the siar binary does not link FFmpeg's libraries" \
	bash -c "! ldd '$SIAR' | grep -q libavformat"
SIAR_MEDIA_LIB=/nonexistent/siar-media.so "$SIAR" list >/dev/null 2>&1
check "siar list runs without the media module" test "$?" -eq 0
SIAR_MEDIA_LIB=/nonexistent/siar-media.so "$SIAR" probe \
	"$SIAR_SAMPLES/episode-01.mp3" >/dev/null 2>"$WORK/noso.err"
check "siar probe without the media module fails with one clear line" \
	test "$?" -eq 1 -a "$(grep -c "^siar: cannot load siar's media module" \
	"$WORK/noso.err")" -eq 1
