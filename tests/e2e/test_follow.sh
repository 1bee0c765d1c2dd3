#!/usr/bin/env bash
# siar follow, refresh and unfollow: a province office follows a district
# office's show by its public feed, served by `siar serve` (ETag and
# Last-Modified, 304s); the district publishes again between refreshes;
# the feed goes missing; a server that never finishes is given up on.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)

# The district office's catalogue and its published site.
district="$WORK/kabupaten.db"
site="$WORK/site"
mkdir -p "$site/grobogan"
SIAR_DB="$district" siar init >/dev/null
SIAR_DB="$district" siar show add grobogan --title "Podcast KPU Grobogan" \
	--author "KPU Kabupaten Grobogan" --no-review --category Government \
	--base-url https://kpu-grobogan.example.id/podcast >/dev/null
publish() {
	local id
	id=$(SIAR_DB="$district" siar add --show grobogan --guest "Ketua KPU" \
		--topic "Tahapan Pemilu" "$SIAR_SAMPLES/$1")
	SIAR_DB="$district" siar publish --at "$2 10:00" "$id" >/dev/null
	SIAR_DB="$district" siar feed --force grobogan \
		-o "$site/grobogan/feed.xml" 2>/dev/null
}
week1=$(date -d "-15 days" +%Y-%m-%d)
week2=$(date -d "-8 days" +%Y-%m-%d)
week3=$(date -d "-1 days" +%Y-%m-%d)
publish episode-01.mp3 "$week1"
publish episode-03.m4a "$week2"

# siar serve on a free port, as the district's web server.
"$SIAR" serve "$site" --port 0 2>"$WORK/serve.log" &
server=$!
slow=""
trap 'kill $server $slow 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
port=""
for _ in $(seq 50); do
	port=$(sed -n 's|^siar: serving .* at http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' \
		"$WORK/serve.log")
	[ -n "$port" ] && break
	sleep 0.1
done
url="http://127.0.0.1:$port/grobogan/feed.xml"
check "the district's site is served" test -n "$port"

# The province's catalogue follows it.
siar init >/dev/null
run_siar follow "$url" --office "KPU Kabupaten Grobogan" --level district \
	--region "Jawa Tengah"
check "follow imports the feed as a show named after the office" \
	test "$status" -eq 0 -a "$out" = "following '$url' as show 'kpu-kabupaten-grobogan': 2 episodes"
run_siar show list --json
check "the followed show carries its office, level and region" \
	"$PYTHON" -c "import json,sys; s=[x for x in json.loads(sys.argv[1]) if x['slug']=='kpu-kabupaten-grobogan'][0]; assert (s['office'], s['office_level'], s['office_region']) == ('KPU Kabupaten Grobogan', 'district', 'Jawa Tengah'), s" "$out"
run_siar follow --json
check "follow alone lists the followed shows" \
	"$PYTHON" -c "import json,sys; f=json.loads(sys.argv[1]); assert len(f)==1 and f[0]['url']=='$url' and f[0]['last_error'] is None, f" "$out"

requests_before=$(grep -c 'GET /grobogan/feed.xml' "$WORK/serve.log")
run_siar refresh
check "an unchanged feed is not modified (a 304)" \
	test "$status" -eq 0 -a "$out" = "kpu-kabupaten-grobogan: not modified"
check "the refresh asked with the validators and got a 304" \
	grep -q '"GET /grobogan/feed.xml HTTP/1.1" 304' "$WORK/serve.log"

# The district publishes again: the refresh imports only that.
sleep 1 # a new modification time, so a new ETag
publish episode-05.flac "$week3"
run_siar refresh --json
check "a changed feed adds only the new episode" \
	"$PYTHON" -c "import json,sys; r=json.loads(sys.argv[1])[0]; assert (r['status'], r['added'], r['updated'], r['unchanged']) == ('imported', 1, 0, 2), r" "$out"
run_siar refresh
check "and then it is not modified again" \
	test "$out" = "kpu-kabupaten-grobogan: not modified"
check "each refresh fetched the feed once" \
	test "$(grep -c 'GET /grobogan/feed.xml' "$WORK/serve.log")" -eq $((requests_before + 3))

run_siar report --format json --office "KPU Kabupaten Grobogan"
check "the province's report covers the followed office" \
	"$PYTHON" -c "import json,sys; d=json.loads(sys.argv[1]); o=d['offices'][0]; assert (o['office'], o['region'], o['episodes']) == ('KPU Kabupaten Grobogan', 'Jawa Tengah', 3), o" "$out"

# The feed goes missing: the refresh fails for that show, says why, and
# the episodes stay.
mv "$site/grobogan/feed.xml" "$WORK/feed.away"
run_siar refresh
check "a missing feed is one line and exit status 1" \
	test "$status" -eq 1 -a "$err_text" = "siar: kpu-kabupaten-grobogan: cannot fetch '$url': HTTP 404"
run_siar follow
check "the follow keeps the last error" \
	test "${out#*last refresh failed: cannot fetch}" != "$out"
check "the episodes stay" \
	test "$(siar list --show kpu-kabupaten-grobogan --json | "$PYTHON" -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 3
mv "$WORK/feed.away" "$site/grobogan/feed.xml"
run_siar refresh
check "once the feed is back, the error clears" \
	test "$status" -eq 0 -a "$(siar follow --json | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)[0]["last_error"])')" = None

# A server that trickles is given up on after --timeout.
mkdir -p "$WORK/slow"
"$PYTHON" "$here/http_server.py" "$WORK/slow" "$WORK/slow.log" \
	>"$WORK/slow.port" 2>/dev/null &
slow=$!
for _ in $(seq 50); do
	[ -s "$WORK/slow.port" ] && break
	sleep 0.1
done
start=$(date +%s)
expect_failure "a slow feed times out with one line" \
	"Operation timed out" \
	follow "http://127.0.0.1:$(head -n 1 "$WORK/slow.port")/slow" \
	--office "KPU Lambat" --timeout 2
check "and gives up after about the timeout" \
	test $(($(date +%s) - start)) -le 10

expect_failure "a 404 follows nothing" "HTTP 404" \
	follow "http://127.0.0.1:$port/tidak-ada.xml" --office "KPU Lain"
run_siar follow "$url"
check "follow without --office is a usage error" test "$status" -eq 2
expect_failure "refreshing a show that is not followed is refused" \
	"show 'nope' is not followed" refresh nope
run_siar unfollow kpu-kabupaten-grobogan
check "unfollow stops following" test "$status" -eq 0 -a -z "$(siar follow)"
check "and keeps the show's episodes" \
	test "$(siar list --show kpu-kabupaten-grobogan --json | "$PYTHON" -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 3

echo "1..$tap_n"
