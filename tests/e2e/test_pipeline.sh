#!/usr/bin/env bash
# End to end: a fresh catalogue, a show, every generated sample ingested,
# all but one published, the feed written and read back by xmllint,
# feedparser (python3-feedparser) and podcastparser (gPodder's parser).
set -u
. "$(dirname "$0")/lib.sh"

samples=(episode-01.mp3 episode-02-noxing.mp3 episode-03.m4a
	episode-04.opus episode-05.flac video-01.mp4)

run_siar init
check "init creates the catalogue" test "$status" -eq 0 -a -f "$SIAR_DB"

run_siar show add kpu-grobogan --title "Podcast KPU Kabupaten Grobogan" \
	--author "KPU Kabupaten Grobogan" \
	--base-url "https://kpu.example.id/media/" \
	--description "Obrolan seputar tahapan pemilu & pilkada" \
	--category Government --image "https://kpu.example.id/cover.jpg" \
	--owner-name "Humas KPU Grobogan" --owner-email humas@kpu.example.id \
	--link https://kpu.example.id/
check "show add succeeds" test "$status" -eq 0

expected="$WORK/expected.tsv"
: >"$expected"
ids=()
for f in "${samples[@]}"; do
	path="$SIAR_SAMPLES/$f"
	run_siar add --show kpu-grobogan --guest "Ketua KPU Grobogan" \
		--guest "Dr. Siti Nurhaliza" --topic "Tahapan Pemilu" \
		--topic Pilkada --season 1 "$path"
	if [ "$status" -eq 0 ] && [[ "$out" =~ ^[0-9]+$ ]]; then
		ok "add $f prints the new episode ID ($out)"
	else
		not_ok "add $f (status $status: $err_text)"
		continue
	fi
	ids+=("$out")
	printf '%s\t%s\t%s\n' "$out" "$f" "$(decode_seconds "$path")" \
		>>"$expected"
done

# Every sample is published, at distinct past times so the order is known.
# One more episode stays a draft, and one is scheduled far in the future:
# both must be absent from the feed.
n=0
for id in "${ids[@]}"; do
	n=$((n + 1))
	siar submit "$id" --by produser >/dev/null
	siar approve "$id" --by penyunting >/dev/null
	run_siar publish --at "2025-0$n-1$n 10:00" "$id"
	check "submit, approve and publish $id" test "$status" -eq 0
done
run_siar add --show kpu-grobogan --title "Draf: belum ditinjau" \
	"$SIAR_SAMPLES/episode-09-chapters.m4a"
check "a draft is added" test "$status" -eq 0 -a -n "$out"
run_siar add --show kpu-grobogan --title "Episode masa depan" \
	"$SIAR_SAMPLES/episode-07.wav"
future_id=$out
siar submit "$future_id" >/dev/null
siar approve "$future_id" >/dev/null
run_siar publish --at "2099-01-01 10:00" "$future_id"
check "a future time schedules the episode" \
	test "$status" -eq 0 -a "${out#*scheduled}" != "$out"

run_siar list --json
check "list --json prints the catalogue" test "$status" -eq 0
printf '%s' "$out" >"$WORK/list.json"

feed="$WORK/out/feed.xml"
mkdir -p "$WORK/out"
run_siar feed kpu-grobogan -o "$feed"
check "feed -o writes the feed quietly" \
	test "$status" -eq 0 -a -s "$feed" -a -z "$out"
check "no temporary file is left beside the feed" \
	test "$(ls "$WORK/out")" = "feed.xml"
run_siar feed kpu-grobogan
check "feed to stdout equals the file" test "$out" = "$(cat "$feed")"

if xmllint --noout "$feed" 2>"$WORK/xmllint.err"; then
	ok "xmllint accepts the feed"
else
	not_ok "xmllint rejects the feed: $(head -3 "$WORK/xmllint.err")"
fi

"$PYTHON" "$(dirname "$0")/check_feed.py" "$feed" "$WORK/list.json" \
	"$expected" "https://kpu.example.id/media" "$tap_n"

# The Podcast Index's parser, from npm (tests/js, pinned by its lockfile).
js="$(dirname "$0")/../js"
if [ -d "$js/node_modules/podcast-partytime" ] && command -v node >/dev/null; then
	node "$js/check_feed.js" "$feed" "$WORK/list.json" \
		"https://kpu.example.id/media" 1000
else
	not_ok "podcast-partytime is not installed (run scripts/install-deps.sh)"
fi
