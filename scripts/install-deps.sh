#!/usr/bin/env bash
# Install every Debian package siar needs to build, run and test.
# Safe to run twice: packages already present are skipped, and apt-get
# is only called when something is missing. Uses sudo only when not root.
set -eu

packages=(
	# build
	build-essential pkg-config
	libavformat-dev libavcodec-dev libavutil-dev libavfilter-dev
	libxml2-dev libsqlite3-dev libjansson-dev libssl-dev uuid-dev
	libgumbo-dev
	libmicrohttpd-dev zlib1g-dev
	libcurl4-openssl-dev xxd
	# tests
	libcmocka-dev libxml2-utils python3 python3-feedparser
	python3-podcastparser sqlite3 valgrind curl
	# the site's browser tests (tests/js/check_site.js)
	chromium
	# sample media
	ffmpeg sox lame espeak-ng fonts-dejavu-core tzdata
	# benchmarks
	hyperfine time mediainfo wrk nginx-light python3-feedgenerator hugo
	# make fuzz
	clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

# Node.js runs the Podcast Index's feed parser in the tests. A machine
# may already have a newer Node from elsewhere, with its own npm: only
# install Debian's when there is none, so the two never conflict.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	missing+=(nodejs npm)
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	sudo="sudo"
fi

if [ "${#missing[@]}" -eq 0 ]; then
	echo "install-deps: all Debian packages present"
else
	echo "install-deps: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q
	$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# podcast-partytime and playwright-core, exactly as pinned by
# tests/js/package-lock.json. playwright-core drives Debian's chromium; it
# downloads no browser of its own.
js="$(dirname "$0")/../tests/js"
if [ ! -d "$js/node_modules/podcast-partytime" ] ||
	[ ! -d "$js/node_modules/playwright-core" ] ||
	[ "$js/package-lock.json" -nt "$js/node_modules/.package-lock.json" ]; then
	echo "install-deps: npm ci in tests/js"
	(cd "$js" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "install-deps: done"
