#!/usr/bin/env bash
# Install every Debian package siar needs to build, run and test.
# Safe to run twice: packages already present are skipped, and apt-get
# is only called when something is missing. Uses sudo only when not root.
set -eu

packages=(
	# build
	build-essential pkg-config
	libavformat-dev libavcodec-dev libavutil-dev libavfilter-dev
	libxml2-dev libsqlite3-dev libjansson-dev libssl-dev
	# tests
	libcmocka-dev libxml2-utils python3 python3-feedparser
	python3-podcastparser sqlite3 valgrind
	# sample media
	ffmpeg sox lame espeak-ng fonts-dejavu-core
	# benchmarks
	hyperfine time
)

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if [ "${#missing[@]}" -eq 0 ]; then
	echo "install-deps: all ${#packages[@]} packages present"
	exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	sudo="sudo"
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "install-deps: done"
