#!/usr/bin/env bash
# make-samples.sh OUTDIR: generate the sample media the media tests measure.
#
# Everything is made from scratch with Debian tools (espeak-ng, sox, lame,
# ffmpeg), so no media file has to live in git. The clips are short spoken
# Indonesian sentences, like the episodes siar is written for.
#
#   episode-01.mp3          VBR MP3 with a Xing/LAME header, UTF-8 ID3v2
#                           tags (title, artist, album, year) and a cover
#                           picture
#   episode-02-noxing.mp3   VBR MP3 without a Xing header, starting with
#                           1.5 s of silence: libavformat then estimates the
#                           duration from the first (silent, low-bitrate)
#                           frame and gets it badly wrong
#   episode-03.m4a          AAC in MP4 with a title tag
#   episode-04.opus         Opus in Ogg
#   episode-05.flac         FLAC
#   video-01.mp4            H.264 + AAC with a title card, faststart
#   video-02-rotated.mp4    video-01's streams with a 90 degree display
#                           matrix, to test that width and height are swapped
#   not-audio.mp3           a text file named .mp3 (bad input)
#   empty.mp3               zero bytes (bad input)
#
# Idempotent: a file that already exists and is non-empty is left alone
# (empty.mp3 has to exist and be empty). Each file is written under a temporary name
# and renamed into place, so an interrupted run never leaves a truncated file
# that a later run would mistake for a finished one.
#
# Output is made as reproducible as the tools allow: -fflags +bitexact and
# -flags +bitexact keep version strings and random Ogg serial numbers out,
# -map_metadata -1 keeps input tags out where none are wanted.
set -eu

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
	echo "usage: $0 OUTDIR" >&2
	exit 2
fi
outdir=$1

font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

# lame reads ID3 text in the locale's encoding; in the C locale it drops
# everything after the first non-ASCII byte of the title.
export LC_ALL=C.UTF-8

die() {
	echo "make-samples: $*" >&2
	exit 1
}

for tool in espeak-ng sox lame ffmpeg ffprobe; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "'$tool' is not installed (run scripts/install-deps.sh)"
done
[ -r "$font" ] || die "font '$font' is missing (install fonts-dejavu-core)"
espeak-ng --voices=id | grep -q '[[:space:]]id[[:space:]]' ||
	die "espeak-ng has no Indonesian voice"

mkdir -p -- "$outdir"
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

# Common ffmpeg options: quiet, no prompts, no version strings in the output.
ff=(ffmpeg -hide_banner -nostdin -loglevel error -y)
bitexact=(-fflags +bitexact -flags +bitexact)

sentences=(
	"Selamat datang di Podcast KPU Kabupaten Grobogan. Hari ini kita membahas tahapan pemilihan umum, mulai dari pendaftaran pemilih sampai penghitungan suara."
	"Petugas Komisi Pemilihan Umum menjelaskan cara memeriksa nama Anda di daftar pemilih tetap. Jangan lupa membawa kartu tanda penduduk ke tempat pemungutan suara."
	"Terima kasih telah mendengarkan. Sampai jumpa di episode berikutnya, dan gunakan hak pilih Anda dengan bijak."
)

# True when "$outdir/$1" still has to be made; says so when it does not.
need() {
	if [ -s "$outdir/$1" ]; then
		echo "make-samples: $outdir/$1 exists, skipping"
		return 1
	fi
	echo "make-samples: writing $outdir/$1"
	return 0
}

# The temporary name a file is written under before it is moved into place.
# It keeps the extension, because ffmpeg picks the muxer from it.
tmpname() {
	printf '%s/.tmp-%s' "$outdir" "$1"
}

# Move the finished temporary file into place.
finish() {
	[ -s "$(tmpname "$1")" ] || die "'$1' came out empty"
	mv -f -- "$(tmpname "$1")" "$outdir/$1"
}

# Speak sentence number $1 (0-based) into "$work/clip$1.wav", once, and
# leave that path in $wav.
clip() {
	wav="$work/clip$1.wav"
	if [ ! -s "$wav" ]; then
		echo "make-samples: speaking clip $1 with espeak-ng -v id"
		espeak-ng -v id -w "$wav" "${sentences[$1]}"
	fi
}

make_episode_01() {
	local name=episode-01.mp3 wav
	need "$name" || return 0
	clip 0
	# A small cover picture, so the tests see an attached picture that
	# must not turn an audio episode into a video one.
	"${ff[@]}" -f lavfi -i "testsrc2=size=64x64:rate=1" -frames:v 1 \
		"${bitexact[@]}" "$work/cover.png"
	lame --quiet -V 5 --id3v2-only --id3v2-utf16 --ti "$work/cover.png" \
		--tt "Episode 1: Tahapan Pemilu — Penjelasan" \
		--ta "KPU Kabupaten Grobogan" \
		--tl "Podcast Edukasi Pemilih — Grobogan" \
		--ty 2024 \
		"$wav" "$(tmpname "$name")"
	# The tests compare the title byte for byte; catch a locale that lost
	# the em dash here rather than in a confusing test failure.
	ffprobe -v error -show_entries format_tags=title -of csv=p=0 \
		"$(tmpname "$name")" | grep -q '—' ||
		die "the ID3 title of '$name' lost its non-ASCII characters"
	finish "$name"
}

make_episode_02() {
	local name=episode-02-noxing.mp3 wav
	need "$name" || return 0
	clip 1
	sox "$wav" "$work/padded.wav" pad 1.5 0
	# -t: no Xing/LAME frame, so nothing in the file states its length.
	lame --quiet -V 5 -t "$work/padded.wav" "$(tmpname "$name")"
	finish "$name"
}

make_episode_03() {
	local name=episode-03.m4a wav
	need "$name" || return 0
	clip 2
	"${ff[@]}" -i "$wav" -map_metadata -1 -c:a aac -b:a 48k \
		-metadata title="Episode 3: Terima Kasih" "${bitexact[@]}" \
		-f ipod "$(tmpname "$name")"
	finish "$name"
}

make_episode_04() {
	local name=episode-04.opus wav
	need "$name" || return 0
	clip 1
	"${ff[@]}" -i "$wav" -map_metadata -1 -ar 48000 -c:a libopus \
		-b:a 24k -metadata title="Episode 4: Daftar Pemilih Tetap" \
		"${bitexact[@]}" "$(tmpname "$name")"
	finish "$name"
}

make_episode_05() {
	local name=episode-05.flac wav
	need "$name" || return 0
	clip 2
	"${ff[@]}" -i "$wav" -map_metadata -1 -c:a flac \
		-metadata title="Episode 5: Gunakan Hak Pilih" \
		"${bitexact[@]}" "$(tmpname "$name")"
	finish "$name"
}

make_video_01() {
	local name=video-01.mp4 wav card
	need "$name" || return 0
	clip 0
	# drawtext reads the caption from a file, so the text itself needs no
	# filtergraph escaping; only the two paths do, and neither holds a
	# character that is special there (mktemp names are alphanumeric).
	card="$work/card.txt"
	printf '%s' "Edukasi Pemilih" >"$card"
	"${ff[@]}" -f lavfi -i "testsrc2=size=320x240:rate=25:duration=8" \
		-i "$wav" -map 0:v -map 1:a -map_metadata -1 \
		-vf "drawtext=fontfile=$font:textfile=$card:fontsize=28:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=8:x=(w-text_w)/2:y=(h-text_h)/2" \
		-c:v libx264 -preset veryfast -crf 32 -pix_fmt yuv420p \
		-threads 1 -c:a aac -b:a 48k -t 8 \
		-metadata title="Edukasi Pemilih" -movflags +faststart \
		"${bitexact[@]}" "$(tmpname "$name")"
	finish "$name"
}

make_video_02() {
	local name=video-02-rotated.mp4
	need "$name" || return 0
	[ -s "$outdir/video-01.mp4" ] || die "video-01.mp4 is missing"
	# FFmpeg 5.1's mov muxer turns a 'rotate' stream tag into the display
	# matrix; newer releases spell it -display_rotation.
	"${ff[@]}" -i "$outdir/video-01.mp4" -map 0 -c copy \
		-metadata:s:v:0 rotate=90 -movflags +faststart \
		"${bitexact[@]}" "$(tmpname "$name")"
	finish "$name"
}

make_bad_inputs() {
	local name=not-audio.mp3
	if need "$name"; then
		printf '%s\n' "Ini bukan berkas audio." \
			"This is a text file with an .mp3 name." \
			>"$(tmpname "$name")"
		finish "$name"
	fi
	if [ -e "$outdir/empty.mp3" ] && [ ! -s "$outdir/empty.mp3" ]; then
		echo "make-samples: $outdir/empty.mp3 exists, skipping"
	else
		echo "make-samples: writing $outdir/empty.mp3"
		: >"$outdir/empty.mp3"
	fi
}

make_episode_01
make_episode_02
make_episode_03
make_episode_04
make_episode_05
make_video_01
make_video_02
make_bad_inputs
echo "make-samples: done, $(du -sh -- "$outdir" | cut -f1) in $outdir"
