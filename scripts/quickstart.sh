#!/usr/bin/env bash
# The README's first quick-start command: install the dependencies, build
# siar, generate the sample media, and run the main job on them: a fresh
# catalogue with an audio podcast and a video show, every sample ingested
# and published weekly, the feeds, the static site and the rhythm report
# written. Prints their paths.
#
# Usage: scripts/quickstart.sh [OUTDIR]   (default: ./demo)
# Safe to run again: it starts the demo catalogue afresh each time.
set -eu
cd "$(dirname "$0")/.."
out="${1:-demo}"

bash scripts/install-deps.sh
echo "quickstart: building siar"
make -s
bash scripts/make-samples.sh "$out/samples"

export SIAR_DB="$out/siar.db"
rm -f "$SIAR_DB" "$SIAR_DB-wal" "$SIAR_DB-shm"
siar=./siar
"$siar" init
"$siar" show add podcast-kpu-grobogan \
	--title "Podcast KPU Kabupaten Grobogan" \
	--author "KPU Kabupaten Grobogan" \
	--description "Obrolan mingguan seputar tahapan pemilu dan pilkada bersama narasumber yang kompeten." \
	--category Government --language id \
	--base-url https://kpu-grobogan.example.id/podcast \
	--image "$out/samples/artwork-podcast.jpg" \
	--owner-name "Humas KPU Kabupaten Grobogan" \
	--owner-email humas@kpu-grobogan.example.id \
	--link https://kpu-grobogan.example.id/ \
	--office "KPU Kabupaten Grobogan" --level district \
	--region "Jawa Tengah" --host "Humas KPU Kabupaten Grobogan"
"$siar" show add edukasi-pemilih \
	--title "Video Edukasi Pemilih KPU Grobogan" \
	--author "KPU Kabupaten Grobogan" \
	--description "Video singkat edukasi pemilih." \
	--category Education --medium video \
	--image "$out/samples/artwork-video.png" \
	--owner-name "Humas KPU Kabupaten Grobogan" \
	--owner-email humas@kpu-grobogan.example.id \
	--link https://kpu-grobogan.example.id/ \
	--office "KPU Kabupaten Grobogan" --level district \
	--region "Jawa Tengah" \
	--base-url https://kpu-grobogan.example.id/video

# Every episode is reviewed before it goes out: the producer submits it,
# the head of the PR section approves it, then it is published, one a
# week, oldest first, every Thursday at 10:00 WIB, the last one this
# past Thursday.
review() {
	"$siar" submit "$1" --by "Produser Humas"
	"$siar" approve "$1" --by "Kasubbag Humas" --note "Layak tayang"
}
week=0
publish_weekly() {
	local id="$1" when
	when=$(date -d "last thursday - $((4 - week)) weeks" +%Y-%m-%d)
	review "$id"
	"$siar" publish --at "$when 10:00" "$id" --by "Kasubbag Humas"
	week=$((week + 1))
}
n=0
for f in episode-01.mp3 episode-02-noxing.mp3 episode-03.m4a \
	episode-04.opus episode-05.flac; do
	n=$((n + 1))
	id=$("$siar" add --show podcast-kpu-grobogan --season 1 --episode "$n" \
		--guest "Ketua KPU Kabupaten Grobogan" --topic "Tahapan Pemilu" \
		--by "Produser Humas" "$out/samples/$f")
	publish_weekly "$id"
done
id=$("$siar" add --show edukasi-pemilih --topic "Edukasi Pemilih" \
	--title "Edukasi Pemilih: Cara Mencoblos" "$out/samples/video-01.mp4")
review "$id"
"$siar" publish "$id" --by "Kasubbag Humas"

"$siar" list
"$siar" log 1
# Warnings only (Opus and FLAC are not Apple enclosure types): exit 0.
"$siar" lint podcast-kpu-grobogan
"$siar" feed podcast-kpu-grobogan -o "$out/podcast-kpu-grobogan.xml"
"$siar" feed edukasi-pemilih -o "$out/edukasi-pemilih.xml"
"$siar" build "$out/site" --base-url https://kpu-grobogan.example.id/siar
# The rhythm report the office sends upward, as one printable page.
"$siar" report --format html -o "$out/laporan.html"
"$siar" report --show podcast-kpu-grobogan
echo
echo "quickstart: feeds written:"
echo "  $(realpath "$out/podcast-kpu-grobogan.xml")"
echo "  $(realpath "$out/edukasi-pemilih.xml")"
echo "quickstart: static site built (open index.html, or serve the folder):"
echo "  $(realpath "$out/site")"
echo "quickstart: publishing rhythm report:"
echo "  $(realpath "$out/laporan.html")"
