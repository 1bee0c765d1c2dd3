#!/usr/bin/env bash
# siar report on a catalogue whose figures are known by construction: a
# weekly show with ten episodes over eleven weeks across the new year (the
# fifth week missed), and a monthly show of another office in another
# zone; every format carries the same figures.
. "$(dirname "$0")/lib.sh"

siar init >/dev/null
siar show add mingguan --title "Siniar Mingguan" --author "KPU Kota Semarang" \
	--base-url https://kpu-semarang.example.id/siniar --no-review \
	--office "KPU Kota Semarang" --level district --region "Jawa Tengah" \
	--cadence weekly >/dev/null
siar show add bulanan --title "Kabar Bulanan" --author "KPU Provinsi Papua" \
	--base-url https://kpu-papua.example.id/kabar --no-review \
	--office "KPU Provinsi Papua" --level province --region Papua \
	--timezone Asia/Jayapura --cadence monthly >/dev/null

# Thursdays 10:00 WIB from 5 December 2024, skipping 2 January 2025.
files=(episode-01.mp3 episode-02-noxing.mp3 episode-03.m4a episode-04.opus
	episode-05.flac episode-06.aac episode-07.wav episode-08.ogg
	episode-09-chapters.m4a episode-10-chapters.mp3)
days=(2024-12-05 2024-12-12 2024-12-19 2024-12-26 2025-01-09 2025-01-16
	2025-01-23 2025-01-30 2025-02-06 2025-02-13)
for i in "${!files[@]}"; do
	id=$(siar add --show mingguan --guest "Narasumber $((i % 3))" \
		--topic "Tahapan $((i % 2))" "$SIAR_SAMPLES/${files[$i]}")
	siar publish --at "${days[$i]} 10:00" "$id" >/dev/null
done
# The monthly show: November and January, not December (Jayapura time).
id=$(siar add --show bulanan "$SIAR_SAMPLES/episode-11-cover.mp3")
siar publish --at "2024-11-30 23:30" "$id" >/dev/null
id=$(siar add --show bulanan "$SIAR_SAMPLES/video-01.mp4")
siar publish --at "2025-01-01 00:30" "$id" >/dev/null
# One draft waiting for review.
id=$(siar add --show mingguan "$SIAR_SAMPLES/tags-utf16.mp3")
siar submit "$id" >/dev/null

period=(--from 2024-12-02 --to 2025-02-16)
run_siar report "${period[@]}" --format json -o "$WORK/r.json"
check "report --format json -o writes quietly" \
	test "$status" -eq 0 -a -z "$out" -a -s "$WORK/r.json"

json() { "$PYTHON" -c "import json,sys; d=json.load(open('$WORK/r.json')); $1"; }
weekly='s=[x for x in d["shows"] if x["show"]=="mingguan"][0]'
check "eleven weeks, ten met, one missed" \
	json "$weekly; assert (len(s['periods']), s['rhythm']['met'], s['rhythm']['missed']) == (11, 10, 1), s['rhythm']"
check "the missed week is the one of 30 December" \
	json "$weekly; p=s['periods'][4]; assert p['start']=='2024-12-30' and p['end']=='2025-01-05' and p['episodes']==0, p"
check "the longest gap is the fortnight around it" \
	json "$weekly; r=s['rhythm']; assert r['longest_gap_from']=='2024-12-26' and r['longest_gap_days']==14, r"
check "ten episodes, three guests (new), two topics" \
	json "$weekly; assert s['episodes']==10 and len(s['guests'])==3 and s['new_guests']==3 and len(s['topics'])==2, s"
check "the draft waits for review" \
	json "$weekly; w=s['waiting_for_review']; assert len(w)==1 and w[0]['status']=='in_review', w"
check "long after the period, the weekly show is overdue" \
	json "$weekly; r=s['rhythm']; assert r['overdue'] is True and r['streak']==0, r"
run_siar report --show bulanan --from 2024-11-01 --to 2025-02-28 --format json \
	-o "$WORK/m.json"
check "months in Jayapura: November and January met, December, February missed" \
	"$PYTHON" -c "import json; s=json.load(open('$WORK/m.json'))['shows'][0]; assert [p['episodes'] for p in s['periods']] == [1, 0, 1, 0] and s['rhythm']['missed']==2 and s['videos']==1, s['periods']"
check "the summary has one row per office, by region" \
	json "assert [o['region'] for o in d['offices']] == ['Jawa Tengah', 'Papua'] and d['offices'][0]['episodes']==10, d['offices']"

run_siar report "${period[@]}" --format csv
printf '%s\n' "$out" >"$WORK/r.csv"
check "csv has a header and one row per show with the same figures" \
	"$PYTHON" -c "
import csv
rows = list(csv.DictReader(open('$WORK/r.csv')))
m = [r for r in rows if r['show'] == 'mingguan'][0]
assert len(rows) == 2 and (m['met'], m['missed'], m['episodes']) == ('10', '1', '10'), m"

run_siar report "${period[@]}" --show mingguan
check "text in Indonesian by default" \
	test "$status" -eq 0 -a "${out#*Periode terlewat: 1}" != "$out"
run_siar report "${period[@]}" --show mingguan --lang en --format md
check "markdown in English" \
	test "$status" -eq 0 -a "${out#*## Siniar Mingguan}" != "$out" \
	-a "${out#*Periods missed: 1}" != "$out"
run_siar report "${period[@]}" --office "KPU Provinsi Papua" --format json
check "--office keeps only that office's shows" \
	test "$(printf '%s' "$out" | "$PYTHON" -c 'import json,sys; print(len(json.load(sys.stdin)["shows"]))')" = 1

run_siar report "${period[@]}" --format html -o "$WORK/r.html"
check "html is one well-formed page with a chart per show" \
	test "$status" -eq 0 -a "$(grep -o '<svg' "$WORK/r.html" | wc -l)" -eq 2
check "html parses as XML" xmllint --noout "$WORK/r.html"

expect_failure "an unknown show is one line" "no show matches: nope" \
	report --show nope
expect_failure "a bad date names the option" "bad --from '2025-13-01'" \
	report --from 2025-13-01
expect_failure "--to before --from is refused" "--to is before --from" \
	report --from 2025-02-01 --to 2025-01-01
run_siar report --format pdf
check "an unknown format is a usage error" test "$status" -eq 2

echo "1..$tap_n"
