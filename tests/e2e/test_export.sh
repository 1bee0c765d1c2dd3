#!/usr/bin/env bash
# siar export and import, end to end. A catalogue made by the siar binary
# from generated media (two shows with hosts and artwork, people with
# links and photos, episodes in every status with guests, a credit,
# topics, chapters, captions, a rendition and loudness, an edit, a merge,
# a rename and a removed episode whose log stays) is exported and imported
# into a new catalogue. The two must agree table by table (sqlite3 .dump),
# in the search index, in each show's feed byte for byte, in their logs
# and in a second export. Then the refusals: a catalogue that is not
# empty, and malformed documents, each refused in one line naming what is
# wrong and leaving the catalogue as it was.
set -u
. "$(dirname "$0")/lib.sh"

S=$SIAR_SAMPLES
in="$WORK/in"
mkdir -p "$in"
A="$WORK/a.db"
B="$WORK/b.db"
export SIAR_DB="$A"

ff=(ffmpeg -hide_banner -nostdin -loglevel error -y)
"${ff[@]}" -f lavfi -i "color=c=0x1a5c8b:size=1400x1400" -frames:v 1 \
	"$in/sampul siniar.jpg"
printf 'WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nSelamat datang.\n' \
	>"$in/ep.vtt"

# add_one NAME ARGS...: add an episode, keeping its ID in ids[NAME].
declare -A ids
add_one() {
	local name="$1"
	shift
	run_siar add --quiet "$@"
	if [ "$status" -eq 0 ] && [[ "$out" =~ ^[0-9]+$ ]]; then
		ids[$name]=$out
	else
		not_ok "add $name (status $status: $err_text)"
		ids[$name]=0
	fi
}

siar init >/dev/null
siar show add kpu-grobogan --title "Podcast KPU Kabupaten Grobogan 🎙️" \
	--author "KPU Kabupaten Grobogan" \
	--base-url "https://kpu-grobogan.example.id/media/" \
	--description "Obrolan seputar tahapan pemilu & pilkada — edisi khusus" \
	--category News --subcategory Politics --image "$in/sampul siniar.jpg" \
	--owner-name "Humas KPU Grobogan" --owner-email humas@kpu.example.id \
	--link https://kpu-grobogan.example.id/ --type serial --cadence biweekly \
	--copyright "© 2026 KPU Kabupaten Grobogan" --explicit \
	--office "KPU Kabupaten Grobogan" --level district --region "Jawa Tengah" \
	--host "Rina Wijaya" >/dev/null
siar show add edukasi-pemilih --title "Video Edukasi Pemilih" \
	--author "KPU Provinsi Sulawesi Selatan" \
	--base-url https://video.kpu-sulsel.example.id --medium video \
	--timezone Asia/Makassar --no-review --category Education \
	--image https://video.kpu-sulsel.example.id/sampul.jpg \
	--owner-email humas@kpu-sulsel.example.id \
	--host "Agus Salim" --host-role co-host >/dev/null
siar person add "Budi Santoso" --organisation "KPU Provinsi Jawa Tengah" \
	--position Sekretaris --url https://kpu-jateng.example.id/budi \
	--photo https://kpu-jateng.example.id/foto/budi.jpg >/dev/null

add_one live --show kpu-grobogan --guest "Budi Santoso" \
	--guest "Dr. Siti Nurhaliza" --person "Dewi Lestari:producer:creative direction" \
	--topic "Tahapan Pemilu" --topic "Pilkada 2024 🗳️" --season 1 --episode 1 \
	--transcript "$in/ep.vtt:id" --rendition "$S/episode-03.m4a" --loudness \
	--by "Produser Humas" "$S/episode-10-chapters.mp3"
add_one video --show edukasi-pemilih --type trailer --explicit \
	--guest "Siti Nurhaliza" --title "Cuplikan: Pilkada Serentak" \
	"$S/video-01.mp4"
add_one draft --show kpu-grobogan --title "Draf: belum ditinjau" \
	"$S/episode-01.mp3"
add_one review --show kpu-grobogan "$S/episode-02-noxing.mp3"
add_one back --show kpu-grobogan --topic "Tahapan Pemilu" "$S/episode-03.m4a"
add_one approved --show kpu-grobogan "$S/episode-04.opus"
add_one archived --show edukasi-pemilih "$S/episode-05.flac"
add_one later --show kpu-grobogan "$S/episode-07.wav"
add_one gone --show edukasi-pemilih "$S/episode-09-chapters.m4a"

for name in live review back approved later; do
	siar submit "${ids[$name]}" --by Produser >/dev/null
done
for name in live back approved later; do
	siar approve "${ids[$name]}" --by "Kasubbag Humas" >/dev/null
done
siar request-changes "${ids[back]}" --by "Kasubbag Humas" \
	--note "suara pembuka terpotong ✂️" >/dev/null
siar submit "${ids[back]}" --by Produser >/dev/null
siar approve "${ids[back]}" --by "Kasubbag Humas" >/dev/null
siar publish --at "2026-03-02 10:00" "${ids[live]}" >/dev/null
siar publish --at "2026-03-03 10:00" "${ids[back]}" >/dev/null
siar publish --at "2099-01-01 10:00" "${ids[later]}" >/dev/null
siar publish "${ids[video]}" --at "2026-03-04 09:00" >/dev/null
siar unpublish "${ids[back]}" --note "ralat data" >/dev/null
siar archive "${ids[archived]}" --note "tidak relevan lagi" >/dev/null
siar publish "${ids[gone]}" >/dev/null
siar rm --force "${ids[gone]}" --note "salah unggah" >/dev/null
siar edit "${ids[draft]}" --title "Rekapitulasi Suara di Kecamatan" \
	--guest "Agus Salim" --by "Kasubbag Humas" --note "judul diperbaiki" \
	>/dev/null
siar person merge "Dr. Siti Nurhaliza" "Siti Nurhaliza" >/dev/null
siar topic rename "Tahapan Pemilu" "Tahapan Pemilu Serentak" >/dev/null
n=$(sqlite3 "$A" "SELECT count(*) FROM episodes")
check "the catalogue holds 8 episodes in every status" test "$n" -eq 8 \
	-a "$(sqlite3 "$A" "SELECT count(DISTINCT status) FROM episodes")" -eq 6

# A show followed by its feed (as siar follow leaves it), with imported
# episodes whose media stay at their URLs, without hashes.
repo=$(cd "$(dirname "$0")/../.." && pwd)
feed="$repo/../shared/import-samples/podlove-der-lautsprecher.xml"
[ -f "$feed" ] || feed="${SIAR_SHARED:-/nonexistent}/import-samples/podlove-der-lautsprecher.xml"
siar import --show lautsprecher "$feed" >/dev/null
sqlite3 "$A" "INSERT INTO follows (show_id, url, etag, last_modified,
	followed_unix, checked_unix, changed_unix, last_error)
	SELECT id, 'https://feeds.metaebene.me/lautsprecher/m4a', '\"abc\"',
	'Tue, 31 Aug 2021 10:00:00 GMT', 1700000000, 1700000100, 1700000050,
	'cannot fetch: HTTP 404' FROM shows WHERE slug = 'lautsprecher'"
check "an imported, followed show with remote media is in it too" \
	test "$(sqlite3 "$A" "SELECT count(*) FROM episodes WHERE media_sha256 IS NULL")" -eq 5 \
	-a "$(sqlite3 "$A" "SELECT count(*) FROM follows")" -eq 1

# ---- Export --------------------------------------------------------------
run_siar export -o "$WORK/dump.json"
check "export -o writes the file quietly" \
	test "$status" -eq 0 -a -s "$WORK/dump.json" -a -z "$out"
check "no temporary file is left beside it" \
	test "$(ls "$WORK" | grep -c '^dump\.json')" -eq 1
check "the export is JSON with every list" "$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["siar_export"] == 1 and d["schema_version"] >= 4, d
assert [k for k in d][3:] == ["shows", "people", "topics", "episodes", "log"]
assert len(d["shows"]) == 3 and len(d["episodes"]) == 13, d
assert next(s for s in d["shows"] if s["slug"] == "lautsprecher")["follow"]
e = next(e for e in d["episodes"] if e["chapters"])
assert e["loudness_lufs"] is not None and e["people"] and e["transcripts"]
assert any(l["action"] == "remove" for l in d["log"])
assert d["shows"][0]["title"] == "Podcast KPU Kabupaten Grobogan 🎙️"
' "$WORK/dump.json"
run_siar export
check "export to standard output is the same document" test "$status" -eq 0 \
	-a "$(printf '%s\n' "$out" | tail -n +2)" = "$(tail -n +2 "$WORK/dump.json")"

# ---- Import into a new catalogue -------------------------------------------
siar --db "$B" init >/dev/null
run_siar --db "$B" import "$WORK/dump.json"
n=($(sqlite3 "$A" "SELECT count(*) FROM people; SELECT count(*) FROM topics;
	SELECT count(*) FROM episode_log"))
check "import fills the new catalogue and says what it held" \
	test "$status" -eq 0 -a "$out" = "imported 3 shows, 13 episodes, ${n[0]} people, ${n[1]} topics and ${n[2]} log entries from '$WORK/dump.json'"

# Every table, row for row. A table keyed by an INTEGER PRIMARY KEY (an
# ID) must dump the same lines in the same order. The rows of the tables
# that link an episode or show to its people, topics and files have no key
# of their own: SQLite keeps them in the order of a hidden rowid, which a
# merge of people changes and VACUUM may renumber, so those dumps are
# compared as sorted lines. The search index is compared by its content:
# FTS5's own b-tree pages depend on the order of the writes that made it.
tables=$(sqlite3 "$A" "SELECT name FROM sqlite_master WHERE type = 'table'
	AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'episode_search%'
	ORDER BY name")
check "the catalogue has the tables the test compares" \
	test "$(printf '%s\n' $tables | wc -l)" -eq 12
keyed() {
	[ "$(sqlite3 "$A" "SELECT group_concat(type) FROM pragma_table_info('$1')
		WHERE pk > 0")" = INTEGER ]
}
for t in $tables; do
	if keyed "$t"; then
		check "table $t is the same after the round trip" test \
			"$(sqlite3 "$A" ".dump $t")" = "$(sqlite3 "$B" ".dump $t")"
	else
		check "table $t has the same rows after the round trip" test \
			"$(sqlite3 "$A" ".dump $t" | sort)" = \
			"$(sqlite3 "$B" ".dump $t" | sort)"
	fi
done
check "the keyed tables are shows, people, topics, episodes, the log and follows" \
	test "$(for t in $tables; do keyed "$t" && echo "$t"; done | xargs)" = \
	"episode_log episodes follows people shows topics"
search_rows() {
	sqlite3 "$1" "SELECT rowid, title, description, people, topics
		FROM episode_search ORDER BY rowid"
}
check "the search index holds the same rows" \
	test "$(search_rows "$A")" = "$(search_rows "$B")"
check "and finds the same episodes" test \
	"$(siar search sekretaris)" = "$(siar --db "$B" search sekretaris)"
check "the schema version and application id are the same" test \
	"$(sqlite3 "$A" "PRAGMA user_version; PRAGMA application_id")" = \
	"$(sqlite3 "$B" "PRAGMA user_version; PRAGMA application_id")"
for slug in kpu-grobogan edukasi-pemilih; do
	siar feed --force "$slug" >"$WORK/a-$slug.xml" 2>/dev/null
	siar --db "$B" feed --force "$slug" >"$WORK/b-$slug.xml" 2>/dev/null
	check "the feed of $slug is byte for byte the same" \
		cmp -s "$WORK/a-$slug.xml" "$WORK/b-$slug.xml"
done
check "the removed episode's log is the same" test \
	"$(siar log "${ids[gone]}")" = "$(siar --db "$B" log "${ids[gone]}")"
siar --db "$B" export -o "$WORK/again.json"
check "an export of the copy is the same document" test \
	"$(tail -n +2 "$WORK/again.json")" = "$(tail -n +2 "$WORK/dump.json")"
C="$WORK/c.db"
siar --db "$C" init >/dev/null
siar export | siar --db "$C" import - >/dev/null
check "export piped into import - gives the same catalogue" test \
	"$(sqlite3 "$C" ".dump episodes")" = "$(sqlite3 "$A" ".dump episodes")"

"$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), indent=2)
' "$WORK/dump.json" "$WORK/pretty.json"
D="$WORK/d.db"
siar --db "$D" init >/dev/null
run_siar --db "$D" import "$WORK/pretty.json"
check "a document re-indented by Python, emoji escaped, imports the same" \
	test "$status" -eq 0 -a \
	"$(sqlite3 "$D" ".dump shows"; sqlite3 "$D" ".dump episodes")" = \
	"$(sqlite3 "$A" ".dump shows"; sqlite3 "$A" ".dump episodes")"

# ---- Refusals ----------------------------------------------------------------
SIAR_DB="$B" expect_failure "import into a catalogue that is not empty" \
	"the catalogue is not empty: import a dump into a new one (siar --db NEW.db init)" \
	import "$WORK/dump.json"

E="$WORK/empty.db"
siar --db "$E" init >/dev/null
# bad NAME NEEDLE PYTHON: the dump changed by PYTHON (on d) is refused.
bad() {
	local name="$1" needle="$2"
	"$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
' "$WORK/dump.json" "$WORK/bad.json" "$3"
	SIAR_DB="$E" expect_failure "$name" "$needle" import "$WORK/bad.json"
}
printf '{"siar_export": 1, "shows": [' >"$WORK/bad.json"
SIAR_DB="$E" expect_failure "a file that is not JSON is refused" \
	"not a siar dump: not valid JSON" import "$WORK/bad.json"
SIAR_DB="$E" expect_failure "a missing file is refused" \
	"cannot read '$WORK/nowhere.json'" import "$WORK/nowhere.json"
bad "another format is refused" "the dump is of format 2, newer" \
	'd["siar_export"] = 2'
bad "a newer schema is refused" "the dump is of schema 99, newer than this siar knows" \
	'd["schema_version"] = 99'
bad "a missing field is refused, naming it and the item" \
	"episode ${ids[video]} has no 'media_mime'" \
	'del next(e for e in d["episodes"] if e["id"] == '"${ids[video]}"')["media_mime"]'
bad "a dangling reference is refused" \
	"episode ${ids[live]}: 'show_id' is 99, but the dump has no show with that id" \
	'd["episodes"][0]["show_id"] = 99'
bad "a credit of a person not in the dump is refused" \
	"episode ${ids[live]}, people[0]: 'person_id' is 42" \
	'd["episodes"][0]["people"][0]["person_id"] = 42'
bad "a duplicate ID is refused" "person 1: another person has id 1" \
	'd["people"].append(dict(d["people"][0], name="Orang Lain"))'
bad "a field of the wrong type is refused" \
	"show 1: 'explicit' must be true or false" \
	'd["shows"][0]["explicit"] = "ya"'
bad "what the API refuses is refused" \
	"show 2: unknown time zone 'Asia/Bandung'" \
	'd["shows"][1]["timezone"] = "Asia/Bandung"'
bad "a bad status in the log is refused" "unknown status 'tayang'" \
	'd["log"][-1]["to_status"] = "tayang"'

# ---- The command line ----------------------------------------------------------
mkdir "$WORK/ro"
chmod 555 "$WORK/ro"
run_siar export -o "$WORK/ro/dump.json"
if [ "$(id -u)" -ne 0 ]; then
	check "export to a folder it cannot write fails with one line" \
		test "$status" -eq 1 -a -n "$err_text" -a ! -e "$WORK/ro/dump.json"
else
	ok "export to a folder it cannot write (skipped as root)"
fi
run_siar export extra
check "export with an argument is a usage error (2)" test "$status" -eq 2
run_siar import
check "import without a file is a usage error (2)" test "$status" -eq 2
"$SIAR" export >/dev/full 2>"$WORK/full.err"
check "export to a full disk fails with a message" \
	test "$?" -eq 1 -a -s "$WORK/full.err"
