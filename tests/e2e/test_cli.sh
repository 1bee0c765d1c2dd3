#!/usr/bin/env bash
# The command line itself: --help everywhere, version, usage errors with
# status 2, the --db / SIAR_DB rule, --json output that parses.
set -u
. "$(dirname "$0")/lib.sh"

for cmd in init show add edit rm publish submit approve request-changes unpublish archive log search person topic check backup restore probe list feed lint serve report import export help version; do
	run_siar "$cmd" --help
	check "siar $cmd --help prints usage and exits 0" \
		test "$status" -eq 0 -a "${out#usage: siar $cmd}" != "$out"
done
run_siar help feed
check "siar help feed is siar feed --help" test "$status" -eq 0 \
	-a "${out#usage: siar feed}" != "$out"
run_siar --help
check "siar --help lists the commands" test "$status" -eq 0 \
	-a "${out#*publish}" != "$out"
run_siar --version
check "siar --version prints the version" test "$status" -eq 0 \
	-a "${out#siar [0-9]}" != "$out"
run_siar
check "siar with no command is a usage error (2)" test "$status" -eq 2
run_siar frobnicate
check "an unknown command is a usage error (2) naming it" \
	test "$status" -eq 2 -a "${err_text#*frobnicate}" != "$err_text"
run_siar list --bogus
check "an unknown option is a usage error (2) naming it" \
	test "$status" -eq 2 -a "${err_text#*--bogus}" != "$err_text"
run_siar add --show x --season lima "$SIAR_SAMPLES/episode-01.mp3"
check "a non-numeric --season is a usage error (2) naming it" \
	test "$status" -eq 2 -a "${err_text#*lima}" != "$err_text"
run_siar publish
check "publish without an ID is a usage error (2)" test "$status" -eq 2

# The catalogue path: default ./siar.db, SIAR_DB, --db before or after.
mkdir "$WORK/kantor"
(cd "$WORK/kantor" && env -u SIAR_DB "$SIAR" init >/dev/null)
check "init without --db or SIAR_DB creates ./siar.db" \
	test -f "$WORK/kantor/siar.db" -a ! -e "$SIAR_DB"
SIAR_DB="$WORK/env.db" "$SIAR" init >/dev/null
check "SIAR_DB chooses the catalogue" test -f "$WORK/env.db"
"$SIAR" --db "$WORK/opt.db" init >/dev/null
check "--db before the command chooses the catalogue" test -f "$WORK/opt.db"
"$SIAR" init --db "$WORK/opt2.db" >/dev/null
check "--db after the command chooses the catalogue" test -f "$WORK/opt2.db"
run_siar init
check "init on an existing catalogue succeeds" test "$status" -eq 0

# JSON output parses and carries the fields.
run_siar probe --json "$SIAR_SAMPLES/episode-01.mp3" "$SIAR_SAMPLES/video-01.mp4"
printf '%s\n' "$out" >"$WORK/probe.jsonl"
check "probe --json prints one JSON object per file" "$PYTHON" -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(rows) == 2, rows
a, v = rows
assert a["kind"] == "audio" and a["mime"] == "audio/mpeg", a
assert v["kind"] == "video" and v["mime"] == "video/mp4", v
assert len(a["sha256"]) == 64 and a["size"] > 0 and a["duration"] > 1
assert v["width"] > 0 and v["height"] > 0
' "$WORK/probe.jsonl"
run_siar probe "$SIAR_SAMPLES/episode-03.m4a"
check "probe prints a readable table" test "$status" -eq 0 \
	-a "${out#*duration}" != "$out" -a "${out#*sha256}" != "$out"

siar show add kpu-ri --title "Podcast KPU RI — Edisi Khusus" --author "KPU RI" \
	--base-url https://kpu.example.id >/dev/null
siar add --show kpu-ri --title "Mengenal Daftar Pemilih Tetap (DPT)" \
	--guest "Sekretaris KPU Provinsi Jawa Tengah" --topic DPT \
	"$SIAR_SAMPLES/episode-01.mp3" >/dev/null
run_siar show list --json
check "show list --json keeps Indonesian text" "$PYTHON" -c '
import json, sys
shows = json.loads(sys.argv[1])
assert shows[0]["title"] == "Podcast KPU RI — Edisi Khusus", shows
assert shows[0]["language"] == "id" and shows[0]["timezone"] == "Asia/Jakarta"
' "$out"
run_siar list --json --show kpu-ri
check "list --json carries guests, topics and status" "$PYTHON" -c '
import json, sys
eps = json.loads(sys.argv[1])
e = eps[0]
assert e["title"] == "Mengenal Daftar Pemilih Tetap (DPT)", e
assert e["guests"] == ["Sekretaris KPU Provinsi Jawa Tengah"], e
assert e["topics"] == ["DPT"] and e["status"] == "draft", e
assert e["published"] is None
' "$out"
run_siar list
check "list prints a row per episode" test "$status" -eq 0 \
	-a "$(printf '%s\n' "$out" | grep -c 'draft')" -eq 1

"$SIAR" list >/dev/full 2>"$WORK/full.err"
status=$?
check "a write error on stdout is a failure with a message" \
	test "$status" -eq 1 -a -s "$WORK/full.err"
