#!/usr/bin/env bash
# siar serve --rebuild: the served site follows the catalogue. A new
# episode shows up in the served feed within seconds; a catalogue whose
# feed checks fail keeps the old site; SIGTERM still stops it cleanly.
. "$(dirname "$0")/lib.sh"

siar init >/dev/null
siar show add kabar --title "Kabar KPU Boyolali" --author "KPU Kabupaten Boyolali" \
	--base-url https://kpu-boyolali.example.id/kabar --category Government \
	--image "$SIAR_SAMPLES/artwork-podcast.jpg" --no-review \
	--owner-name "Humas KPU Boyolali" --owner-email humas@kpu-boyolali.example.id \
	>/dev/null
id=$(siar add --show kabar "$SIAR_SAMPLES/episode-01.mp3")
siar publish "$id" >/dev/null

site="$WORK/site"
"$SIAR" serve "$site" --rebuild --port 0 2>"$WORK/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
port=""
for _ in $(seq 100); do
	port=$(sed -n 's|^siar: serving .* at http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' \
		"$WORK/serve.log")
	[ -n "$port" ] && break
	sleep 0.1
done
url="http://127.0.0.1:$port/kabar/feed.xml"
items() { curl -s "$url" | grep -c '<item>'; }
check "the site is built before it is served" \
	test -n "$port" -a -s "$site/kabar/feed.xml" -a -s "$site/index.html"
check "the served feed has the one episode" test "$(items)" = 1
etag1=$(curl -sI "$url" | tr -d '\r' | sed -n 's/^ETag: //Ip')

id=$(siar add --show kabar "$SIAR_SAMPLES/episode-03.m4a")
siar publish "$id" >/dev/null
for _ in $(seq 100); do
	[ "$(items)" = 2 ] && break
	sleep 0.1
done
check "a new episode reaches the served feed within seconds" test "$(items)" = 2
etag2=$(curl -sI "$url" | tr -d '\r' | sed -n 's/^ETag: //Ip')
check "and the feed's ETag changed" test -n "$etag1" -a "$etag1" != "$etag2"
check "the rebuild was reported" grep -q "^siar: serve: built '$site'" "$WORK/serve.log"

# A change that breaks the feed checks: the old site stays.
siar show edit kabar --owner-email "" >/dev/null
for _ in $(seq 100); do
	grep -q "not rebuilt" "$WORK/serve.log" && break
	sleep 0.1
done
check "a catalogue with feed errors is not built, and says why" \
	grep -q "^siar: serve: not rebuilt, the old site stays: build: 1 error" "$WORK/serve.log"
check "the old site is still served" test "$(items)" = 2

kill -TERM "$server"
wait "$server"
status=$?
check "SIGTERM stops the server and the rebuilding: exit 0" test "$status" -eq 0
check "it says it stopped" grep -qx "siar: serve: stopped" "$WORK/serve.log"

run_siar serve "$site" --base-url https://x.example.id
check "--base-url without --rebuild is a usage error" test "$status" -eq 2

echo "1..$tap_n"
