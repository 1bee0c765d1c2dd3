#!/usr/bin/env bash
# siar serve: an HTTP/1.1 static file server, driven with curl (and raw
# requests through bash's /dev/tcp) on a free port of 127.0.0.1. Covers
# methods, folders, validators and 304s, byte ranges, If-Range, gzip,
# Content-Types, every traversal trick, malformed requests, the access log,
# a site swapped in by renaming, shutdown on SIGTERM and SIGINT, and the
# start-up errors.
set -u
. "$(dirname "$0")/lib.sh"

SITE="$WORK/site"
SERVER_PID=""
PORT=""
B=""

cleanup() {
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

# start_server LOG ARGS...: run 'siar serve ARGS' in the background and
# wait until its port answers. Sets SERVER_PID, PORT and B (the base URL).
start_server() {
	local log="$1" i
	shift
	"$SIAR" serve "$@" 2>"$log" &
	SERVER_PID=$!
	PORT=""
	for i in $(seq 100); do
		PORT=$(sed -n 's|^siar: serving .* at http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$log")
		[ -n "$PORT" ] && break
		sleep 0.05
	done
	B="http://127.0.0.1:$PORT"
	for i in $(seq 100); do
		curl -s -o /dev/null --max-time 1 "$B/" && return 0
		sleep 0.05
	done
	echo "# server did not answer; log:"
	sed 's/^/# /' "$log"
	return 1
}

# stop_server: SIGTERM; sets $stop_status.
stop_server() {
	kill -TERM "$SERVER_PID"
	wait "$SERVER_PID"
	stop_status=$?
	SERVER_PID=""
}

# status URL [CURL-ARGS...]: the HTTP status code.
status() {
	curl -s -o /dev/null --max-time 5 --path-as-is -w '%{http_code}' "$@"
}
# header NAME URL [CURL-ARGS...]: the value of response header NAME.
header() {
	local name="$1"
	shift
	curl -s -D - -o /dev/null --max-time 5 --path-as-is "$@" |
		tr -d '\r' | sed -n "s/^$name: //Ip" | head -n 1
}
# body URL [CURL-ARGS...] > FILE
body() {
	curl -s --max-time 5 --path-as-is "$@"
}
# raw REQUEST: send REQUEST (printf format) on a fresh connection and
# print the status line of the answer.
raw() {
	(
		exec 3<>"/dev/tcp/127.0.0.1/$PORT" || exit 1
		printf "$1" >&3
		timeout 3 head -n 1 <&3 | tr -d '\r'
	)
}

# raw_all REQUEST: the whole answer to an HTTP/1.0 REQUEST.
raw_all() {
	(
		exec 3<>"/dev/tcp/127.0.0.1/$PORT" || exit 1
		printf "$1" >&3
		timeout 3 cat <&3
	)
}

# ---- The site ---------------------------------------------------------------
mkdir -p "$SITE/sub" "$SITE/.git" "$WORK/outside"
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<rss version="2.0"><channel><title>Podcast KPU</title>'
	for i in $(seq 200); do
		echo "<item><title>Episode $i: Tahapan Pemilu</title></item>"
	done
	echo '</channel></rss>'
} >"$SITE/feed.xml"
echo '{"version":"https://jsonfeed.org/version/1.1","items":[]}' >"$SITE/feed.json"
echo '<!doctype html><title>KPU</title><h1>Podcast KPU</h1>' >"$SITE/index.html"
echo '<!doctype html><title>sub</title>' >"$SITE/sub/index.html"
mkdir "$SITE/empty"
head -c 102400 /dev/urandom >"$SITE/ep.mp3"
echo TOPSECRET >"$WORK/outside/secret.txt"
echo TOPSECRET >"$SITE/.secret"
echo TOPSECRET >"$SITE/.git/config"
ln -s "$WORK/outside/secret.txt" "$SITE/abs-link.txt"
ln -s ../outside/secret.txt "$SITE/rel-link.txt"
ln -s ../outside "$SITE/outdir"
ln -s feed.xml "$SITE/alias.xml"
mkfifo "$SITE/pipe.mp3"
for ext in css js svg png jpg jpeg webp m4a aac ogg opus flac wav mp4 m4v \
	mov webm mkv vtt srt txt opml bin; do
	echo x >"$SITE/file.$ext"
done
echo '<a/>' >"$SITE/other.xml"
echo '{}' >"$SITE/other.json"
echo x >"$SITE/EPISODE.MP3"
echo x >"$SITE/noextension"
SIZE=102400

start_server "$WORK/serve.log" "$SITE" --port 0 || exit 1
check "start line names the folder and the URL" \
	grep -qx "siar: serving $SITE at http://127.0.0.1:$PORT/" "$WORK/serve.log"

# ---- Methods and folders ----------------------------------------------------
body "$B/feed.xml" >"$WORK/got.xml"
check "GET /feed.xml is the file" cmp -s "$WORK/got.xml" "$SITE/feed.xml"
check "GET /feed.xml is 200" test "$(status "$B/feed.xml")" = 200
curl -s -I --max-time 5 "$B/ep.mp3" | tr -d '\r' >"$WORK/head.txt"
check "HEAD is 200 with the length and no body" \
	grep -qx "Content-Length: $SIZE" "$WORK/head.txt"
raw_all 'HEAD /ep.mp3 HTTP/1.0\r\n\r\n' >"$WORK/head.raw"
check "HEAD sends no body" test "$(sed '1,/^\r$/d' "$WORK/head.raw" | wc -c)" -eq 0
for m in POST PUT DELETE OPTIONS PATCH; do
	check "$m is 405" test "$(status -X "$m" "$B/feed.xml")" = 405
done
check "405 carries Allow: GET, HEAD" \
	test "$(header Allow -X POST -d x "$B/feed.xml")" = "GET, HEAD"
body "$B/" >"$WORK/got.html"
check "/ serves index.html" cmp -s "$WORK/got.html" "$SITE/index.html"
check "/sub redirects with 301" test "$(status "$B/sub")" = 301
check "/sub redirects to /sub/" test "$(header Location "$B/sub")" = "/sub/"
body "$B/sub/" >"$WORK/got.html"
check "/sub/ serves sub/index.html" cmp -s "$WORK/got.html" "$SITE/sub/index.html"
check "a folder without index.html is 404" test "$(status "$B/empty/")" = 404
check "a missing file is 404" test "$(status "$B/missing.mp3")" = 404
check "a file named as a folder is 404" test "$(status "$B/feed.xml/")" = 404
check "a symbolic link inside the site is followed" \
	test "$(status "$B/alias.xml")" = 200
check "a FIFO is 404, at once" test "$(status "$B/pipe.mp3")" = 404
curl -s --max-time 5 -o /dev/null -o /dev/null -v "$B/feed.xml" "$B/ep.mp3" \
	2>"$WORK/keepalive.txt"
check "two requests share one connection (keep-alive)" \
	grep -q 'Re-using existing connection' "$WORK/keepalive.txt"

# ---- Validators and 304 -----------------------------------------------------
etag=$(header ETag "$B/feed.xml")
lm=$(header Last-Modified "$B/feed.xml")
check "ETag is strong and quoted" test "${etag#\"}" != "$etag" -a "${etag%\"}" != "$etag"
check "Last-Modified is the file's time in RFC 7231 form" \
	test "$lm" = "$(LC_ALL=C TZ=GMT date -r "$SITE/feed.xml" '+%a, %d %b %Y %H:%M:%S GMT')"
check "ETag and Last-Modified on the media file too" \
	test -n "$(header ETag "$B/ep.mp3")" -a -n "$(header Last-Modified "$B/ep.mp3")"
for u in feed.xml ep.mp3; do
	check "Accept-Ranges: bytes on /$u" test "$(header Accept-Ranges "$B/$u")" = bytes
done
check "If-None-Match with the ETag is 304" \
	test "$(status -H "If-None-Match: $etag" "$B/feed.xml")" = 304
check "304 has no body" test "$(body -H "If-None-Match: $etag" "$B/feed.xml" | wc -c)" -eq 0
check "304 carries the ETag" test "$(header ETag -H "If-None-Match: $etag" "$B/feed.xml")" = "$etag"
check "If-None-Match with a list holding the ETag is 304" \
	test "$(status -H "If-None-Match: \"nope\", $etag" "$B/feed.xml")" = 304
check "If-None-Match: * is 304" test "$(status -H 'If-None-Match: *' "$B/feed.xml")" = 304
check "If-None-Match compares weakly (W/ ignored)" \
	test "$(status -H "If-None-Match: W/$etag" "$B/feed.xml")" = 304
check "If-None-Match with another ETag is 200" \
	test "$(status -H 'If-None-Match: "other"' "$B/feed.xml")" = 200
check "If-Modified-Since the Last-Modified is 304" \
	test "$(status -H "If-Modified-Since: $lm" "$B/feed.xml")" = 304
check "If-Modified-Since an older date is 200" \
	test "$(status -H 'If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT' "$B/feed.xml")" = 200
check "If-Modified-Since in RFC 850 form is understood" \
	test "$(status -H "If-Modified-Since: Sunday, 06-Nov-94 08:49:37 GMT" "$B/feed.xml")" = 200
check "If-Modified-Since is ignored when If-None-Match does not match" \
	test "$(status -H 'If-None-Match: "other"' -H "If-Modified-Since: $lm" "$B/feed.xml")" = 200
check "a bad If-Modified-Since is ignored" \
	test "$(status -H 'If-Modified-Since: yesterday' "$B/feed.xml")" = 200
sleep 0.01
printf '<rss version="2.0"><channel><title>Baru</title></channel></rss>\n' >"$SITE/feed.xml"
etag2=$(header ETag "$B/feed.xml")
check "the ETag changes when the file changes" test -n "$etag2" -a "$etag2" != "$etag"
check "the old ETag then gets 200" \
	test "$(status -H "If-None-Match: $etag" "$B/feed.xml")" = 200
body "$B/feed.xml" >"$WORK/got.xml"
check "and the new content" cmp -s "$WORK/got.xml" "$SITE/feed.xml"

# ---- Byte ranges ------------------------------------------------------------
# range SPEC: status, Content-Range and body of a Range request for ep.mp3.
range() {
	local spec="$1"
	shift
	curl -s --max-time 5 -D "$WORK/range.h" -o "$WORK/range.body" \
		-H "Range: $spec" "$@" "$B/ep.mp3"
	r_status=$(sed -n '1s/^HTTP\/1.1 \([0-9]*\).*/\1/p' "$WORK/range.h")
	r_cr=$(tr -d '\r' <"$WORK/range.h" | sed -n 's/^Content-Range: //Ip')
}
range "bytes=0-0"
check "bytes=0-0 is 206 with Content-Range bytes 0-0/SIZE" \
	test "$r_status" = 206 -a "$r_cr" = "bytes 0-0/$SIZE"
check "bytes=0-0 is the first byte" cmp -s "$WORK/range.body" <(head -c 1 "$SITE/ep.mp3")
range "bytes=$((SIZE - 1))-$((SIZE - 1))"
check "the last byte by position" test "$r_status" = 206 -a "$r_cr" = "bytes $((SIZE - 1))-$((SIZE - 1))/$SIZE"
check "is the last byte" cmp -s "$WORK/range.body" <(tail -c 1 "$SITE/ep.mp3")
range "bytes=-1"
check "bytes=-1 is the last byte" test "$r_status" = 206 -a "$r_cr" = "bytes $((SIZE - 1))-$((SIZE - 1))/$SIZE"
check "bytes=-1 body" cmp -s "$WORK/range.body" <(tail -c 1 "$SITE/ep.mp3")
range "bytes=1000-"
check "bytes=1000- runs to the end" test "$r_status" = 206 -a "$r_cr" = "bytes 1000-$((SIZE - 1))/$SIZE"
check "bytes=1000- body" cmp -s "$WORK/range.body" <(tail -c +1001 "$SITE/ep.mp3")
range "bytes=$SIZE-"
check "a start at the size is 416 with Content-Range bytes */SIZE" \
	test "$r_status" = 416 -a "$r_cr" = "bytes */$SIZE"
range "bytes=200000-"
check "a start beyond the size is 416" test "$r_status" = 416
range "bytes=100000-200000"
check "an end beyond the size is clipped" \
	test "$r_status" = 206 -a "$r_cr" = "bytes 100000-$((SIZE - 1))/$SIZE"
check "clipped body" cmp -s "$WORK/range.body" <(tail -c +100001 "$SITE/ep.mp3")
range "bytes=-200000"
check "a suffix longer than the file is the whole file" \
	test "$r_status" = 206 -a "$r_cr" = "bytes 0-$((SIZE - 1))/$SIZE"
range "bytes=-0"
check "bytes=-0 is 416" test "$r_status" = 416
range "bytes=0-0,10-20"
check "several ranges are served whole with 200" test "$r_status" = 200 -a -z "$r_cr"
check "whole body" cmp -s "$WORK/range.body" "$SITE/ep.mp3"
range "bytes=20-10"
check "a reversed range is ignored (200)" test "$r_status" = 200
range "items=0-10"
check "another unit is ignored (200)" test "$r_status" = 200
mp3_etag=$(header ETag "$B/ep.mp3")
mp3_lm=$(header Last-Modified "$B/ep.mp3")
range "bytes=0-9" -H "If-Range: $mp3_etag"
check "If-Range with the ETag gives the range" test "$r_status" = 206
range "bytes=0-9" -H 'If-Range: "stale"'
check "If-Range with another ETag gives the whole file" test "$r_status" = 200
check "whole file after a stale If-Range" cmp -s "$WORK/range.body" "$SITE/ep.mp3"
range "bytes=0-9" -H "If-Range: W/$mp3_etag"
check "If-Range with a weak ETag gives the whole file" test "$r_status" = 200
range "bytes=0-9" -H "If-Range: $mp3_lm"
check "If-Range with the Last-Modified date gives the range" test "$r_status" = 206
range "bytes=0-9" -H 'If-Range: Sun, 06 Nov 1994 08:49:37 GMT'
check "If-Range with another date gives the whole file" test "$r_status" = 200

# ---- gzip ---------------------------------------------------------------------
printf '<?xml version="1.0"?>\n<rss>%s</rss>\n' "$(printf 'Pemilu %.0s' $(seq 2000))" >"$SITE/feed.xml"
curl -s --max-time 5 -D "$WORK/gz.h" -o "$WORK/gz.body" -H 'Accept-Encoding: gzip' "$B/feed.xml"
tr -d '\r' <"$WORK/gz.h" >"$WORK/gz.hh"
check "Accept-Encoding: gzip gets Content-Encoding: gzip" grep -qx 'Content-Encoding: gzip' "$WORK/gz.hh"
check "and Vary: Accept-Encoding" grep -qx 'Vary: Accept-Encoding' "$WORK/gz.hh"
gz_etag=$(sed -n 's/^ETag: //p' "$WORK/gz.hh")
plain_etag=$(header ETag "$B/feed.xml")
check "the gzip variant has its own ETag (-gz)" \
	test "$gz_etag" = "${plain_etag%\"}-gz\""
check "the gzip body is smaller" test "$(wc -c <"$WORK/gz.body")" -lt "$(wc -c <"$SITE/feed.xml")"
check "the gzip body decompresses to the file" cmp -s <(gzip -dc "$WORK/gz.body") "$SITE/feed.xml"
body "$B/feed.xml" --compressed >"$WORK/got.xml"
check "curl --compressed reads the file back" cmp -s "$WORK/got.xml" "$SITE/feed.xml"
check "a second gzip request (cached) is the same" \
	cmp -s <(body -H 'Accept-Encoding: gzip' "$B/feed.xml") "$WORK/gz.body"
check "no Accept-Encoding: no gzip, still Vary" \
	test -z "$(header Content-Encoding "$B/feed.xml")" -a "$(header Vary "$B/feed.xml")" = Accept-Encoding
check "gzip;q=0 is refused" \
	test -z "$(header Content-Encoding -H 'Accept-Encoding: gzip;q=0, identity' "$B/feed.xml")"
check "Accept-Encoding: * allows gzip" \
	test "$(header Content-Encoding -H 'Accept-Encoding: *' "$B/feed.xml")" = gzip
check "a Range request is not gzipped" \
	test -z "$(header Content-Encoding -H 'Accept-Encoding: gzip' -H 'Range: bytes=0-9' "$B/feed.xml")"
check "media is not gzipped" \
	test -z "$(header Content-Encoding -H 'Accept-Encoding: gzip' "$B/ep.mp3")"
check "media has no Vary" test -z "$(header Vary "$B/ep.mp3")"
check "If-None-Match with the gzip ETag is 304 for a gzip request" \
	test "$(status -H 'Accept-Encoding: gzip' -H "If-None-Match: $gz_etag" "$B/feed.xml")" = 304
check "but 200 for a plain request" \
	test "$(status -H "If-None-Match: $gz_etag" "$B/feed.xml")" = 200
check "HEAD of the gzip variant is its length" \
	test "$(header Content-Length -I -H 'Accept-Encoding: gzip' "$B/feed.xml")" = "$(wc -c <"$WORK/gz.body")"
for f in index.html feed.json file.css file.js file.svg file.txt file.vtt file.opml; do
	check "/$f is gzipped" \
		test "$(header Content-Encoding -H 'Accept-Encoding: gzip' "$B/$f")" = gzip
done

# ---- Content-Type -------------------------------------------------------------
while read -r path type; do
	check "/$path is $type" test "$(header Content-Type "$B/$path")" = "$type"
done <<'EOF'
feed.xml application/rss+xml
feed.json application/feed+json
other.xml application/xml
other.json application/json
index.html text/html; charset=utf-8
file.css text/css; charset=utf-8
file.js text/javascript; charset=utf-8
file.svg image/svg+xml
file.png image/png
file.jpg image/jpeg
file.jpeg image/jpeg
file.webp image/webp
ep.mp3 audio/mpeg
EPISODE.MP3 audio/mpeg
file.m4a audio/mp4
file.aac audio/aac
file.ogg audio/ogg
file.opus audio/ogg
file.flac audio/flac
file.wav audio/wav
file.mp4 video/mp4
file.m4v video/mp4
file.mov video/quicktime
file.webm video/webm
file.mkv video/x-matroska
file.vtt text/vtt
file.srt application/x-subrip
file.txt text/plain; charset=utf-8
file.opml text/x-opml
file.bin application/octet-stream
noextension application/octet-stream
EOF

# ---- Nothing outside the site -------------------------------------------------
# refused TARGET: 404 or 400 and no secret in the body, sent as is.
refused() {
	local target="$1" st
	st=$(curl -s --max-time 5 -o "$WORK/refused.body" -w '%{http_code}' \
		--request-target "$target" "$B/")
	if { [ "$st" = 404 ] || [ "$st" = 400 ]; } &&
		! grep -q TOPSECRET "$WORK/refused.body"; then
		ok "$target is refused ($st)"
	else
		not_ok "$target is refused (got $st)"
	fi
}
for t in '/../outside/secret.txt' '/../../../../etc/passwd' \
	'/%2e%2e/outside/secret.txt' '/%2E%2E%2Foutside%2Fsecret.txt' \
	'/sub/..%2f..%2foutside/secret.txt' '/a%2fb' '/sub%2findex.html' \
	'//etc/passwd' '/sub//index.html' '/..%5coutside%5csecret.txt' \
	'/sub%5c..%5cfeed.xml' '/%5c' '/feed.xml%00.mp3' '/%00' \
	'/abs-link.txt' '/rel-link.txt' '/outdir/secret.txt' '/outdir/' \
	'/.secret' '/%2esecret' '/.git/config' '/.git/' '/sub/./index.html' \
	'/sub/%2e/index.html' '/sub/../feed.xml' '/%zz' '/%2' \
	'etc/passwd' 'http://evil.example/../etc/passwd' '*'; do
	refused "$t"
done
check "/etc/passwd names a path under the site, which has none" \
	test "$(status --request-target /etc/passwd "$B/")" = 404
check "a bad %-escape is 400" test "$(status --request-target /%zz "$B/")" = 400
check "an encoded slash is refused even when the file exists" \
	test "$(status --request-target /sub%2Findex.html "$B/")" = 404
check "%-encoded names are decoded" \
	test "$(status --request-target /%66eed.xml "$B/")" = 200

# ---- Malformed requests ---------------------------------------------------------
# MHD answers some malformed requests with 400 and just closes others.
line=$(raw 'GARBAGE\r\n\r\n')
check "a request line without a target is refused ($line)" \
	test -z "$line" -o "${line#HTTP/1.1 400}" != "$line"
line=$(raw 'GET /feed.xml\r\n\r\n')
check "a request line without a version is refused ($line)" test "${line#HTTP/1.1 4}" != "$line"
line=$(raw 'GET /feed.xml HTTP/1.1\r\n\r\n')
check "HTTP/1.1 without Host is 400 ($line)" test "${line#HTTP/1.1 400}" != "$line"
line=$(raw 'GET /feed.xml HTTP/1.1\r\nHost: x\r\nBad header line\r\n\r\n')
check "a header without a colon is 400 ($line)" test "${line#HTTP/1.1 400}" != "$line"
line=$(raw 'GET /feed.xml HTTP/1.0\r\n\r\n')
check "HTTP/1.0 without Host is served ($line)" test "${line#HTTP/1.? 200}" != "$line"
line=$(raw "GET /$(head -c 70000 /dev/zero | tr '\0' a) HTTP/1.1\r\nHost: x\r\n\r\n")
check "a 70 KB target is refused ($line)" \
	test -z "$line" -o "${line#HTTP/1.1 4}" != "$line"
check "the server still answers after all that" test "$(status "$B/feed.xml")" = 200

# ---- The access log -------------------------------------------------------------
check "the access log has a line per request in Common Log Format" \
	grep -qE "^127\.0\.0\.1 - - \[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9:]{8} \+0000\] \"GET /ep.mp3 HTTP/1.1\" 206 1 [0-9]+\.[0-9]{3}ms$" \
	"$WORK/serve.log"
check "HEAD is logged with 0 bytes" \
	grep -qE "\"HEAD /ep.mp3 HTTP/1.1\" 200 0 " "$WORK/serve.log"
check "405s are logged" grep -q '"POST /feed.xml HTTP/1.1" 405 23 ' "$WORK/serve.log"
check "404s are logged" grep -q '"GET /missing.mp3 HTTP/1.1" 404 14 ' "$WORK/serve.log"
raw 'GET /say"hi\\ HTTP/1.1\r\nHost: x\r\n\r\n' >/dev/null
check "the log escapes quotes and backslashes in targets" \
	grep -qF '"GET /say\x22hi\x5c HTTP/1.1" 404' "$WORK/serve.log"

# ---- A rebuilt site renamed into place ------------------------------------------
mkdir "$WORK/site.new"
echo '<rss>rebuilt</rss>' >"$WORK/site.new/feed.xml"
mv "$SITE" "$WORK/site.old"
mv "$WORK/site.new" "$SITE"
check "a site renamed into place is served at once" \
	test "$(body "$B/feed.xml")" = '<rss>rebuilt</rss>'
check "files only in the old site are gone" test "$(status "$B/ep.mp3")" = 404
mv "$SITE" "$WORK/site.new"
check "no site folder at all: 404" test "$(status "$B/feed.xml")" = 404
mv "$WORK/site.old" "$SITE"

# ---- Stopping -------------------------------------------------------------------
stop_server
check "SIGTERM stops the server with status 0" test "$stop_status" -eq 0
check "and says so" test "$(tail -n 1 "$WORK/serve.log")" = "siar: serve: stopped"

start_server "$WORK/serve2.log" "$SITE" --port 0 || exit 1
kill -INT "$SERVER_PID"
wait "$SERVER_PID"
st=$?
SERVER_PID=""
check "SIGINT stops it too with status 0" test "$st" -eq 0

# ---- --quiet, start-up errors -------------------------------------------------
start_server "$WORK/serve3.log" "$SITE" --port 0 || exit 1
held=$PORT
run_siar serve "$SITE" --port "$held"
check "a port in use: status 1" test "$status" -eq 1
check "one line naming the address and port" \
	test "$err_text" = "siar: cannot listen on 127.0.0.1:$held: Address already in use"
stop_server

# A free port, for the runs whose output does not say it.
free_port() {
	"$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
qport=$(free_port)
"$SIAR" serve "$SITE" --port "$qport" --quiet 2>"$WORK/quiet.log" &
SERVER_PID=$!
for i in $(seq 100); do
	curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$qport/feed.xml" && break
	sleep 0.05
done
check "--quiet still serves" test "$(status "http://127.0.0.1:$qport/feed.xml")" = 200
stop_server
check "--quiet prints no start line and no access log" \
	test "$(cat "$WORK/quiet.log")" = "siar: serve: stopped"

cd "$WORK" || exit 1
start_server "$WORK/default.log" --port 0 || exit 1
cd - >/dev/null || exit 1
check "OUTDIR defaults to ./site" grep -qx "siar: serving site at $B/" "$WORK/default.log"
check "and ./site is served" test "$(status "$B/feed.xml")" = 200
stop_server

run_siar serve "$WORK/no-such-site" --port 0
check "a missing OUTDIR: status 1, one line naming it" \
	test "$status" -eq 1 -a "$err_text" = "siar: cannot serve '$WORK/no-such-site': No such file or directory"
run_siar serve "$SITE/feed.json" --port 0
check "an OUTDIR that is a file: status 1" \
	test "$status" -eq 1 -a "${err_text#*not a folder}" != "$err_text"
run_siar serve "$SITE" --bind nope
check "a --bind that is no address: status 1, naming it" \
	test "$status" -eq 1 -a "${err_text#siar: bad address \'nope\'}" != "$err_text"
run_siar serve "$SITE" --bind 192.0.2.1 --port 0
check "a --bind address not on this machine: status 1, naming it" \
	test "$status" -eq 1 -a "${err_text#siar: cannot listen on 192.0.2.1:0: }" != "$err_text"
run_siar serve "$SITE" --port lima
check "a non-numeric --port is a usage error (2) naming it" \
	test "$status" -eq 2 -a "${err_text#*lima}" != "$err_text"
run_siar serve "$SITE" --port 65536
check "--port 65536 is a usage error (2)" test "$status" -eq 2
run_siar serve "$SITE" "$SITE"
check "two OUTDIRs are a usage error (2)" test "$status" -eq 2
