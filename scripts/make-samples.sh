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
#   episode-06.aac          raw ADTS AAC (no container, no duration)
#   episode-07.wav          16-bit PCM WAV
#   episode-08.ogg          Vorbis in Ogg
#   episode-09-chapters.m4a AAC in MP4 with three chapters (Nero chpl and a
#                           QuickTime chapter track)
#   episode-10-chapters.mp3 MP3 with the same chapters as ID3v2 CHAP frames
#   episode-11-cover.mp3    MP3 with a 1400x1400 JPEG cover, the smallest
#                           Apple Podcasts accepts
#   video-03.webm           VP8 + Opus in WebM
#   video-04-noduration.mkv video-01's streams in Matroska written to a pipe,
#                           so the header has no duration and no cues
#   video-05-editlist.mp4   video-01 cut at 1.3 s without re-encoding: an
#                           edit list skips the frames before the cut; the
#                           moov atom is at the end (no faststart)
#   video-06.mov            video-01's streams in QuickTime
#   tags-latin1.mp3         hand-made ID3v2.3 tag with ISO-8859-1 text
#   tags-utf16.mp3          ID3v2.3 tag with UTF-16 text (ffmpeg's choice
#                           for non-ASCII text in v2.3)
#   tags-bad-utf8.mp3       hand-made ID3v2.4 UTF-8 title with a stray 0xFF
#   chapters-odd.mp3        hand-made ID3v2.4 CHAP frames out of order: one
#                           without a length, one titled only with a
#                           control character, one
#                           ending long after the audio
#   artwork-podcast.jpg     1400x1400 JPEG show artwork (Apple's smallest)
#   artwork-video.png       3000x3000 PNG show artwork (Apple's largest)
#   artwork-small.jpg       1200x1200 JPEG: too small for Apple (bad input)
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

make_episode_06() {
	local name=episode-06.aac wav
	need "$name" || return 0
	clip 2
	"${ff[@]}" -i "$wav" -map_metadata -1 -c:a aac -b:a 32k \
		"${bitexact[@]}" -f adts "$(tmpname "$name")"
	finish "$name"
}

make_episode_07() {
	local name=episode-07.wav wav
	need "$name" || return 0
	clip 2
	"${ff[@]}" -i "$wav" -map_metadata -1 -c:a pcm_s16le \
		"${bitexact[@]}" "$(tmpname "$name")"
	finish "$name"
}

make_episode_08() {
	local name=episode-08.ogg wav
	need "$name" || return 0
	clip 2
	"${ff[@]}" -i "$wav" -map_metadata -1 -c:a libvorbis -q:a 0 \
		-metadata title="Episode 8: Suara Anda" \
		"${bitexact[@]}" "$(tmpname "$name")"
	finish "$name"
}

# The chapter list of episodes 09 and 10, in ffmpeg's metadata format.
chapters_ffmeta() {
	cat <<'META'
;FFMETADATA1
title=Episode 9: Bab demi Bab

[CHAPTER]
TIMEBASE=1/1000
START=0
END=2000
title=Pembukaan

[CHAPTER]
TIMEBASE=1/1000
START=2000
END=4500
title=Tahapan Pemilu

[CHAPTER]
TIMEBASE=1/1000
START=4500
END=7000
title=Penutup
META
}

make_episode_09() {
	local name=episode-09-chapters.m4a wav
	need "$name" || return 0
	clip 2
	chapters_ffmeta >"$work/chapters.ffmeta"
	"${ff[@]}" -i "$wav" -i "$work/chapters.ffmeta" -map 0:a \
		-map_metadata 1 -map_chapters 1 -c:a aac -b:a 32k \
		"${bitexact[@]}" "$(tmpname "$name")"
	finish "$name"
}

make_episode_10() {
	local name=episode-10-chapters.mp3 wav
	need "$name" || return 0
	clip 2
	chapters_ffmeta >"$work/chapters.ffmeta"
	# ffmpeg's MP3 muxer writes every chapter as an ID3v2 CHAP frame.
	"${ff[@]}" -i "$wav" -i "$work/chapters.ffmeta" -map 0:a \
		-map_metadata 1 -map_chapters 1 -c:a libmp3lame -q:a 7 \
		-id3v2_version 4 "${bitexact[@]}" "$(tmpname "$name")"
	grep -q CHAP "$(tmpname "$name")" || die "'$name' has no CHAP frame"
	finish "$name"
}

make_episode_11() {
	local name=episode-11-cover.mp3 wav
	need "$name" || return 0
	clip 2
	# A flat picture with a caption compresses to a few tens of
	# kilobytes even at 1400x1400.
	printf '%s' "KPU Grobogan" >"$work/cover.txt"
	local caption="drawtext=fontfile=$font:textfile=$work/cover.txt"
	caption+=":fontsize=120:fontcolor=white:x=(w-text_w)/2:y=(h-text_h)/2"
	"${ff[@]}" -f lavfi -i "color=c=0x8b1a1a:size=1400x1400:rate=1" \
		-frames:v 1 -vf "$caption" \
		-c:v mjpeg -q:v 8 "${bitexact[@]}" "$work/cover.jpg"
	"${ff[@]}" -i "$wav" -i "$work/cover.jpg" -map 0:a -map 1:v \
		-map_metadata -1 -c:a libmp3lame -q:a 7 -c:v copy \
		-disposition:v attached_pic \
		-metadata:s:v comment="Cover (front)" \
		-metadata title="Episode 11: Sampul" -id3v2_version 3 \
		"${bitexact[@]}" "$(tmpname "$name")"
	finish "$name"
}

# Show artwork: a flat square with a caption, $2 pixels a side.
make_artwork() {
	local name=$1 size=$2 colour=$3 text=$4
	need "$name" || return 0
	printf '%s' "$text" >"$work/artwork.txt"
	local caption="drawtext=fontfile=$font:textfile=$work/artwork.txt"
	caption+=":fontsize=$((size / 12)):fontcolor=white"
	caption+=":x=(w-text_w)/2:y=(h-text_h)/2"
	local codec=(-c:v mjpeg -q:v 8)
	case "$name" in *.png) codec=(-c:v png -pix_fmt rgb24) ;; esac
	"${ff[@]}" -f lavfi -i "color=c=$colour:size=${size}x${size}:rate=1" \
		-frames:v 1 -vf "$caption" "${codec[@]}" "${bitexact[@]}" \
		"$(tmpname "$name")"
	finish "$name"
}

make_video_03() {
	local name=video-03.webm wav
	need "$name" || return 0
	clip 1
	"${ff[@]}" -f lavfi -i "testsrc2=size=320x240:rate=25:duration=4" \
		-i "$wav" -map 0:v -map 1:a -map_metadata -1 -t 4 \
		-c:v libvpx -b:v 200k -deadline realtime -cpu-used 8 \
		-threads 1 -c:a libopus -b:a 24k \
		-metadata title="Edukasi Pemilih" "${bitexact[@]}" \
		"$(tmpname "$name")"
	finish "$name"
}

make_video_04() {
	local name=video-04-noduration.mkv
	need "$name" || return 0
	[ -s "$outdir/video-01.mp4" ] || die "video-01.mp4 is missing"
	# Matroska written to a pipe cannot go back to fill in the duration
	# or write cues: only reading every packet tells the length.
	"${ff[@]}" -i "$outdir/video-01.mp4" -map 0 -c copy \
		"${bitexact[@]}" -f matroska - | cat >"$(tmpname "$name")"
	if ffprobe -v error -show_entries format=duration -of csv=p=0 \
		"$(tmpname "$name")" | grep -q '[0-9]'; then
		# Not fatal: libavformat may estimate one; the test checks.
		echo "make-samples: note: libavformat finds a duration in $name"
	fi
	finish "$name"
}

make_video_05() {
	local name=video-05-editlist.mp4
	need "$name" || return 0
	[ -s "$outdir/video-01.mp4" ] || die "video-01.mp4 is missing"
	# The only key frame is at 0, so stream copy keeps every frame and
	# writes an edit list that starts playback at 1.3 s. No faststart:
	# the moov atom goes last, which the truncation test relies on.
	"${ff[@]}" -ss 1.3 -i "$outdir/video-01.mp4" -map 0 -c copy \
		"${bitexact[@]}" "$(tmpname "$name")"
	grep -q elst "$(tmpname "$name")" || die "'$name' has no edit list"
	finish "$name"
}

make_video_06() {
	local name=video-06.mov
	need "$name" || return 0
	[ -s "$outdir/video-01.mp4" ] || die "video-01.mp4 is missing"
	"${ff[@]}" -i "$outdir/video-01.mp4" -map 0 -c copy \
		"${bitexact[@]}" -f mov "$(tmpname "$name")"
	finish "$name"
}

# A short MP3 with no tag at all, the body of the hand-made tag samples,
# left in $work/body.mp3.
tagless_mp3() {
	[ -s "$work/body.mp3" ] && return 0
	clip 2
	"${ff[@]}" -i "$wav" -map_metadata -1 -c:a libmp3lame -q:a 7 \
		-id3v2_version 0 "${bitexact[@]}" "$work/body.mp3"
}

# printf escapes for the 32-bit big-endian number $1.
be32() {
	printf '\\x%02x\\x%02x\\x%02x\\x%02x' $((($1 >> 24) & 255)) \
		$((($1 >> 16) & 255)) $((($1 >> 8) & 255)) $(($1 & 255))
}

# printf escapes for $1 as an ID3v2 "syncsafe" integer (7 bits a byte).
syncsafe() {
	printf '\\x%02x\\x%02x\\x%02x\\x%02x' $((($1 >> 21) & 127)) \
		$((($1 >> 14) & 127)) $((($1 >> 7) & 127)) $(($1 & 127))
}

# id3_frame VERSION ID FILE: an ID3v2.VERSION frame whose body is FILE.
# Version 4 writes frame sizes syncsafe, version 3 plainly.
id3_frame() {
	local size
	size=$(wc -c <"$3")
	printf '%s' "$2"
	if [ "$1" = 4 ]; then
		printf "$(syncsafe "$size")"
	else
		printf "$(be32 "$size")"
	fi
	printf '\0\0'
	cat -- "$3"
}

# id3_tag VERSION FRAMES_FILE: an ID3v2 tag header and the frames.
id3_tag() {
	printf 'ID3'
	printf "\\x0$1\\0\\0"
	printf "$(syncsafe "$(wc -c <"$2")")"
	cat -- "$2"
}

# id3_chap ID START_MS END_MS TITLE: a version 4 CHAP frame body whose
# title (a TIT2 sub-frame) is UTF-8.
id3_chap() {
	printf '%s\0' "$1"
	printf "$(be32 "$2")$(be32 "$3")"
	printf '\xff\xff\xff\xff\xff\xff\xff\xff'
	printf '\3%s' "$4" >"$work/chap-title"
	id3_frame 4 TIT2 "$work/chap-title"
}

# hand_tagged NAME VERSION: write NAME from the frames in $work/frames.
hand_tagged() {
	tagless_mp3
	{
		id3_tag "$2" "$work/frames"
		cat -- "$work/body.mp3"
	} >"$(tmpname "$1")"
	finish "$1"
}

make_tag_samples() {
	local name
	name=tags-latin1.mp3
	if need "$name"; then
		# Encoding 0 is ISO-8859-1: 0xC7 is "Ç".
		printf '\0Pemilu \xc7a' >"$work/f-title"
		printf '\0KPU Grobogan' >"$work/f-artist"
		{
			id3_frame 3 TIT2 "$work/f-title"
			id3_frame 3 TPE1 "$work/f-artist"
		} >"$work/frames"
		hand_tagged "$name" 3
	fi
	name=tags-utf16.mp3
	if need "$name"; then
		tagless_mp3
		"${ff[@]}" -i "$work/body.mp3" -c copy -id3v2_version 3 \
			-metadata title="Pemilu Ça — Grobogan" \
			"${bitexact[@]}" "$(tmpname "$name")"
		# Encoding 1, UTF-16 with a byte order mark.
		head -c 30 "$(tmpname "$name")" |
			LC_ALL=C grep -q "$(printf '\1\377\376')" ||
			die "'$name' has no UTF-16 title"
		finish "$name"
	fi
	name=tags-bad-utf8.mp3
	if need "$name"; then
		# Encoding 3 is UTF-8; 0xFF can never appear in it.
		printf '\3Pemilu \xff \xc3\x87a' >"$work/f-title"
		id3_frame 4 TIT2 "$work/f-title" >"$work/frames"
		hand_tagged "$name" 4
	fi
}

make_chapters_odd() {
	local name=chapters-odd.mp3
	need "$name" || return 0
	# Stored out of order; the second has no length (libavformat drops a
	# chapter whose end is before its start, so "no end" is end == start),
	# the third a title of one control character (libavformat would put
	# the element ID in place of an empty one) and the last ends long
	# after the audio.
	{
		id3_chap ch3 6000 99000 "Penutup" >"$work/c3"
		id3_chap ch0 0 2000 "Pembukaan" >"$work/c0"
		id3_chap ch2 4500 6000 $'\001' >"$work/c2"
		id3_chap ch1 2000 2000 "Tahapan Pemilu" >"$work/c1"
		id3_frame 4 CHAP "$work/c3"
		id3_frame 4 CHAP "$work/c0"
		id3_frame 4 CHAP "$work/c2"
		id3_frame 4 CHAP "$work/c1"
	} >"$work/frames"
	hand_tagged "$name" 4
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
make_episode_06
make_episode_07
make_episode_08
make_episode_09
make_episode_10
make_episode_11
make_video_03
make_video_04
make_video_05
make_video_06
make_tag_samples
make_chapters_odd
make_artwork artwork-podcast.jpg 1400 0x8b1a1a "Podcast KPU"
make_artwork artwork-video.png 3000 0x1a3a8b "Edukasi Pemilih"
make_artwork artwork-small.jpg 1200 0x555555 "Terlalu kecil"
make_bad_inputs
echo "make-samples: done, $(du -sh -- "$outdir" | cut -f1) in $outdir"
