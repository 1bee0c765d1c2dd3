#!/usr/bin/env bash
# The producer's whole workflow through the siar binary: a show that
# requires review, an episode with two guests and three topics, submit,
# request changes, resubmit, approve, schedule, publish, search, edit,
# unpublish, and the log of it all. Then the integrity rules: refusals
# change nothing, and concurrent writers lose nothing.
set -u
. "$(dirname "$0")/lib.sh"

export SIAR_USER="produser-ana"
siar init >/dev/null
run_siar show add kpu-jateng --title "Suara KPU Jawa Tengah" \
	--author "KPU Provinsi Jawa Tengah" --base-url https://kpu.example.id/jateng \
	--category Government --office "KPU Provinsi Jawa Tengah" \
	--image https://kpu.example.id/jateng/sampul.jpg \
	--owner-email humas@kpu-jateng.example.id \
	--level province --region "Jawa Tengah" --host "Humas KPU Jateng"
check "a show with an office and a host is added" test "$status" -eq 0
run_siar person add "Dr. Siti Nurhaliza" --organisation "Universitas Diponegoro" \
	--position "Dosen Ilmu Politik"
check "a person is added with organisation and position" test "$status" -eq 0

run_siar add --show kpu-jateng --title "Mengawal Suara: “Rekapitulasi” & Netralitas 🗳️" \
	--guest "Dr. Siti Nurhaliza" --guest "Sekretaris KPU Provinsi Jawa Tengah" \
	--topic "Rekapitulasi" --topic "Netralitas ASN" --topic "Pilkada 2024" \
	--season 2 --episode 1 "$SIAR_SAMPLES/episode-01.mp3"
id=$out
check "the episode is added as a draft ($id)" test "$status" -eq 0

expect_failure "publishing a draft of a show that requires review is refused" \
	"review" publish "$id"
expect_failure "approving a draft is refused" "draft" approve "$id"
run_siar submit "$id"
check "submit: draft -> in_review" test "$status" -eq 0 -a \
	"${out#*in_review}" != "$out"
expect_failure "request-changes without a note is refused" "note" \
	request-changes "$id"
run_siar request-changes "$id" --note "Judul terlalu panjang" --by "kasubbag-budi"
check "request-changes sends it back to draft" test "$status" -eq 0 -a \
	"${out#*draft}" != "$out"
run_siar edit "$id" --title "Mengawal Rekapitulasi Suara"
check "the producer edits the title" test "$status" -eq 0
run_siar submit "$id"
check "resubmit" test "$status" -eq 0
run_siar approve "$id" --by "kasubbag-budi" --note "Siap tayang"
check "approve: in_review -> approved" test "$status" -eq 0

run_siar publish "$id" --at "2099-06-01 10:00" --by "kasubbag-budi"
check "publish --at schedules it" test "$status" -eq 0 -a \
	"${out#*scheduled}" != "$out"
run_siar feed kpu-jateng
check "a scheduled episode is not in the feed yet" \
	test "${out#*Mengawal Rekapitulasi}" = "$out"
run_siar publish "$id" --by "kasubbag-budi"
check "publish now" test "$status" -eq 0
run_siar feed kpu-jateng
check "the published episode is in the feed" \
	test "${out#*Mengawal Rekapitulasi Suara}" != "$out"

run_siar search rekapitulasi
check "search finds it by title" test "${out#*Mengawal}" != "$out"
run_siar search diponegoro --json
check "search finds it by a guest's organisation" "$PYTHON" -c '
import json, sys
assert [e["title"] for e in json.loads(sys.argv[1])] == ["Mengawal Rekapitulasi Suara"]
' "$out"
run_siar search NETRALITAS
check "search folds case" test "${out#*Mengawal}" != "$out"
run_siar list --topic "Pilkada 2024" --json
check "list --topic filters" "$PYTHON" -c '
import json, sys
assert len(json.loads(sys.argv[1])) == 1' "$out"
run_siar list --person "Dr. Siti Nurhaliza" --status published --json
check "list --person --status filters" "$PYTHON" -c '
import json, sys
assert len(json.loads(sys.argv[1])) == 1' "$out"

run_siar unpublish "$id" --note "Ada ralat"
check "unpublish" test "$status" -eq 0
run_siar feed kpu-jateng
check "an unpublished episode leaves the feed" \
	test "${out#*Mengawal Rekapitulasi}" = "$out"

run_siar log "$id" --json
printf '%s' "$out" >"$WORK/log.json"
check "the log records every step, who and why" "$PYTHON" -c '
import json, sys
log = json.load(open(sys.argv[1]))
acts = [e["action"] for e in log]
want = ["add", "submit", "request-changes", "edit", "submit", "approve",
        "publish", "publish", "unpublish"]
assert acts == want, acts
assert log[0]["actor"] == "produser-ana", log[0]
assert log[2]["actor"] == "kasubbag-budi" and log[2]["note"] == "Judul terlalu panjang"
assert log[5]["note"] == "Siap tayang"
assert log[2]["to_status"] == "draft"
' "$WORK/log.json"

# Integrity: refusals name the value and change nothing.
run_siar add --show kpu-jateng --season 2 --episode 1 --title "Nomor ganda" \
	"$SIAR_SAMPLES/episode-03.m4a"
check "an episode number already used in the season is refused" \
	test "$status" -eq 1 -a "${err_text#*episode 1 of season 2}" != "$err_text"
expect_failure "an unknown episode ID is refused" "999" submit 999
expect_failure "an invalid person role is refused" "badut" \
	show edit kpu-jateng --host-role badut --host "Humas KPU Jateng"
siar show add cepat --title "Tanpa tinjauan" --author KPU --no-review \
	--base-url https://kpu.example.id/cepat >/dev/null
quick=$(siar add --show cepat --title "Langsung tayang" \
	"$SIAR_SAMPLES/episode-10-chapters.mp3")
run_siar publish "$quick"
check "a show without review publishes a draft directly" test "$status" -eq 0
expect_failure "removing a published episode needs --force" "force" \
	rm "$quick"
run_siar rm "$quick" --force
check "rm --force removes it" test "$status" -eq 0
run_siar log "$quick" --json
check "the log of a removed episode is kept" "$PYTHON" -c '
import json, sys
assert [e["action"] for e in json.loads(sys.argv[1])][-1] == "remove"
' "$out"

# Concurrency: four writers at once, and readers while they write.
for i in 1 2 3 4; do
	mkdir -p "$WORK/batch$i"
done
cp "$SIAR_SAMPLES/episode-04.opus" "$WORK/batch1/"
cp "$SIAR_SAMPLES/episode-05.flac" "$WORK/batch2/"
cp "$SIAR_SAMPLES/episode-06.aac" "$WORK/batch3/"
cp "$SIAR_SAMPLES/episode-08.ogg" "$WORK/batch4/"
before=$(siar list --json | "$PYTHON" -c 'import json,sys; print(len(json.load(sys.stdin)))')
pids=()
for i in 1 2 3 4; do
	"$SIAR" add --show kpu-jateng --quiet "$WORK/batch$i" >"$WORK/w$i.out" 2>&1 &
	pids+=($!)
done
readers_ok=1
for r in 1 2 3 4 5 6; do
	"$SIAR" list --json >/dev/null 2>&1 || readers_ok=0
done
writers_ok=1
for p in "${pids[@]}"; do
	wait "$p" || writers_ok=0
done
after=$(siar list --json | "$PYTHON" -c 'import json,sys; print(len(json.load(sys.stdin)))')
check "four concurrent siar add processes all succeed" test "$writers_ok" -eq 1
check "readers succeed while writers write" test "$readers_ok" -eq 1
check "nothing is lost: $((after - before)) of 4 episodes added" \
	test "$((after - before))" -eq 4

# Backup and restore.
run_siar backup "$WORK/cadangan.db"
check "backup writes a copy" test "$status" -eq 0 -a -s "$WORK/cadangan.db"
run_siar rm "$id" --force --by admin
run_siar restore "$WORK/cadangan.db" --force
run_siar list --json
check "restore brings the removed episode back" "$PYTHON" -c '
import json, sys
assert any(e["id"] == int(sys.argv[2]) for e in json.loads(sys.argv[1]))
' "$out" "$id"

run_siar check
check "check finds every file intact" test "$status" -eq 0
cp "$SIAR_SAMPLES/tags-latin1.mp3" "$WORK/ubah.mp3"
siar add --show kpu-jateng --title "Akan diubah" "$WORK/ubah.mp3" >/dev/null
printf x >>"$WORK/ubah.mp3"
cp "$SIAR_SAMPLES/episode-07.wav" "$WORK/hilang.wav"
siar add --show kpu-jateng --title "Akan hilang" "$WORK/hilang.wav" >/dev/null
rm "$WORK/hilang.wav"
run_siar check
check "check reports a changed and a missing file" test "$status" -eq 1 \
	-a "${out#*changed*ubah.mp3}" != "$out" -a "${out#*missing*hilang.wav}" != "$out"

# Credits in any Podcasting 2.0 role, not only guests.
run_siar edit "$id" --person "Budi Santoso:producer:creative direction"
check "edit --person credits a producer" test "$status" -eq 0
run_siar list --json
check "list --json shows the producer in people" "$PYTHON" -c '
import json, sys
ep = [e for e in json.loads(sys.argv[1]) if e["id"] == int(sys.argv[2])][0]
assert {"name": "Budi Santoso", "role": "producer",
        "group": "creative direction"} in ep["people"], ep["people"]
' "$out" "$id"
expect_failure "edit --person refuses a role outside the taxonomy" "'badut'" \
	edit "$id" --person "Budi:badut"
run_siar edit "$id" --person "Budi"
check "edit --person without a role is a usage error" test "$status" -eq 2 \
	-a "${err_text#*Budi}" != "$err_text"
