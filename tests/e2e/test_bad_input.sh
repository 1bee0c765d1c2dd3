#!/usr/bin/env bash
# Bad input: each case gives one line on stderr naming the file or value,
# exit status 1, and leaves the catalogue exactly as it was.
set -u
. "$(dirname "$0")/lib.sh"

siar init >/dev/null
siar show add kpu-jateng --title "Suara KPU Jawa Tengah" --author "KPU Jateng" \
	--base-url https://kpu.example.id/jateng >/dev/null
siar add --show kpu-jateng "$SIAR_SAMPLES/episode-01.mp3" >/dev/null

missing="$WORK/tidak-ada.mp3"
expect_failure "a missing file is refused, naming it" "$missing" \
	add --show kpu-jateng "$missing"
expect_failure "a zero-byte file is refused, naming it" "empty.mp3" \
	add --show kpu-jateng "$SIAR_SAMPLES/empty.mp3"
expect_failure "a text file named .mp3 is refused, naming it" "not-audio.mp3" \
	add --show kpu-jateng "$SIAR_SAMPLES/not-audio.mp3"
expect_failure "a folder is refused, naming it" "$WORK" \
	add --show kpu-jateng "$WORK"
expect_failure "an unknown show is refused, naming it" "'tidak-ada'" \
	add --show tidak-ada "$SIAR_SAMPLES/episode-01.mp3"
expect_failure "a duplicate show slug is refused, naming it" "'kpu-jateng'" \
	show add kpu-jateng --title X --author Y --base-url https://x.example
expect_failure "a bad show slug is refused, naming it" "'KPU Jateng'" \
	show add "KPU Jateng" --title X --author Y --base-url https://x.example
expect_failure "a base URL that is not http(s) is refused" "ftp://x" \
	show add kpu-baru --title X --author Y --base-url ftp://x
expect_failure "an unknown Apple category is refused, naming it" "Politik" \
	show add kpu-baru --title X --author Y --base-url https://x.example \
	--category Politik
expect_failure "an unknown time zone is refused, naming it" "Asia/Atlantis" \
	show add kpu-baru --title X --author Y --base-url https://x.example \
	--timezone Asia/Atlantis
expect_failure "publishing an unknown episode is refused, naming it" "999" \
	publish 999
expect_failure "a malformed publication time is refused, naming it" "besok pagi" \
	publish --at "besok pagi" 1
expect_failure "an impossible date is refused, naming it" "2025-02-30 10:00" \
	publish --at "2025-02-30 10:00" 1
expect_failure "a feed of an unknown show is refused, naming it" "'tidak-ada'" \
	feed tidak-ada
expect_failure "list of an unknown show is refused, naming it" "'tidak-ada'" \
	list --show tidak-ada

# One bad file in a batch: the good ones are added, the status says 1.
before=$(siar list --json | grep -c '"id"')
run_siar add --show kpu-jateng "$SIAR_SAMPLES/episode-03.m4a" \
	"$SIAR_SAMPLES/not-audio.mp3" "$SIAR_SAMPLES/episode-05.flac"
after=$(siar list --json | grep -c '"id"')
check "a batch adds the good files and fails for the bad one" \
	test "$status" -eq 1 -a "$((after - before))" -eq 2 \
	-a "$(printf '%s\n' "$err_text" | grep -c '^siar: ')" -eq 1

# The feed is replaced atomically: a failed write leaves the old feed.
# The show lacks what 'siar lint' wants (artwork, owner, category):
# --force, as this is about writing.
siar feed --force kpu-jateng -o "$WORK/feed.xml"
cp "$WORK/feed.xml" "$WORK/feed.before"
run_siar feed tidak-ada -o "$WORK/feed.xml"
check "a failed feed write leaves the old file" \
	cmp -s "$WORK/feed.xml" "$WORK/feed.before"
check "a failed feed write leaves no temporary file" \
	test "$(ls "$WORK" | grep -c 'feed.xml.tmp')" -eq 0
run_siar feed --force kpu-jateng -o "$WORK/no-such-dir/feed.xml"
check "an unwritable feed path fails with one line naming it" \
	test "$status" -eq 1 -a "${err_text#*no-such-dir/feed.xml}" != "$err_text"

# Not a catalogue.
echo "bukan database" >"$WORK/bukan.db"
run_siar --db "$WORK/bukan.db" list
check "a file that is not a catalogue is refused, naming it" \
	test "$status" -eq 1 -a "${err_text#*bukan.db}" != "$err_text"
run_siar --db "$WORK/belum-ada.db" list
check "a missing catalogue says to run siar init" \
	test "$status" -eq 1 -a "${err_text#*siar init}" != "$err_text" \
	-a ! -e "$WORK/belum-ada.db"

# show edit changes its fields and hosts together or not at all.
siar --db "$WORK/show.db" init >/dev/null
siar --db "$WORK/show.db" show add a --title Lama --author B \
	--base-url https://x.example >/dev/null
"$SIAR" --db "$WORK/show.db" show edit a --title Baru --host " " 2>/dev/null
status=$?
title=$(siar --db "$WORK/show.db" show list --json | "$PYTHON" -c '
import json, sys; print(json.load(sys.stdin)[0]["title"])')
check "a show edit whose host fails leaves the show as it was" \
	test "$status" -eq 1 -a "$title" = "Lama"
"$SIAR" --db "$WORK/show.db" show add b --title B --author B \
	--base-url https://x.example --host " " 2>/dev/null
n=$(siar --db "$WORK/show.db" show list --json | "$PYTHON" -c '
import json, sys; print(len(json.load(sys.stdin)))')
check "a show add whose host fails adds no show" test "$n" -eq 1

# archive: any state -> archived, once; the episode leaves the feed.
aid=$(siar --db "$WORK/show.db" add --show a --title "Diarsipkan" \
	"$SIAR_SAMPLES/episode-05.flac")
run_siar --db "$WORK/show.db" archive "$aid" --by admin --note "usang"
check "archive moves an episode to archived" \
	test "$status" -eq 0 -a "${out#*-> archived}" != "$out"
before=$(sqlite3 "$WORK/show.db" .dump)
run_siar --db "$WORK/show.db" archive "$aid"
after=$(sqlite3 "$WORK/show.db" .dump)
check "archiving twice is refused with one line and no change" \
	test "$status" -eq 1 -a "$before" = "$after" \
	-a "$(printf '%s\n' "$err_text" | grep -c '^siar: ')" -eq 1
