#!/usr/bin/env bash
# make-corpus.sh [DIR]: generate the benchmark corpus that scripts/bench-probe
# measures (default DIR: build/bench-corpus in the source tree).
#
# 320 media files, made from scratch with espeak-ng and ffmpeg (and lame
# for MP3), so no media file has to live in git:
#
#   50  mp3cbr     CBR MP3, 48-160 kb/s, 22.05/44.1/48 kHz, mono and stereo,
#                  with an Info header except every fifth (lame -t)
#   50  mp3vbr     VBR MP3 (lame -V 2..7) with a Xing/LAME header
#   40  mp3noxing  VBR MP3 without a Xing header (lame -t), half of them
#                  starting with 0.5-3 s of digital silence
#   10  mp3long    20 to 38 minute VBR MP3s without a Xing header, each
#                  starting with 1-3 s of silence: the files on which
#                  header-based estimates (libavformat, mediainfo) go wrong
#   40  m4a        AAC in MP4 (.m4a), half with faststart
#   30  opus       Opus in Ogg
#   30  vorbis     Vorbis in Ogg
#   20  flac       FLAC
#   15  wav        16-bit PCM WAV
#   20  mp4        small H.264 + AAC videos
#   15  webm       small VP8 + Vorbis and VP9 + Opus videos
#
# Every file but the long ones lasts 5-60 s (videos 5-20 s), cut from a
# 60 s "master": Indonesian sentences spoken by espeak-ng with pauses
# between them, over quiet pink noise. The long ones loop that master.
# Everything about a file follows from its kind and number, and the
# encoders run single-threaded with bit-exact flags, so the corpus is the
# same on every run.
#
# Idempotent: a file that exists and is non-empty is left alone. Each file
# is written under a temporary name and renamed into place, so an
# interrupted run leaves no truncated file behind. Encoding runs two jobs at
# a time (xargs -P 2). DIR/files.txt lists the corpus, one name a line,
# once every file exists.
#
# Internal use: make-corpus.sh --one DIR NAME makes a single file.
set -eu

die() {
	echo "make-corpus: $*" >&2
	exit 1
}

# Common ffmpeg options: quiet, no prompts, no version strings or random
# serial numbers in the output, no tags copied from the input.
ff=(ffmpeg -hide_banner -nostdin -loglevel error -y)
bitexact=(-fflags +bitexact -flags +bitexact -map_metadata -1)

# The corpus, one "NAME" a line: kind, number and extension. The long files
# come first so that the two encoding jobs finish at about the same time.
plan() {
	local kind count ext i
	while read -r kind count ext; do
		for ((i = 1; i <= count; i++)); do
			printf '%s-%03d.%s\n' "$kind" "$i" "$ext"
		done
	done <<-'EOF'
		mp3long 10 mp3
		mp3cbr 50 mp3
		mp3vbr 50 mp3
		mp3noxing 40 mp3
		m4a 40 m4a
		opus 30 opus
		vorbis 30 ogg
		flac 20 flac
		wav 15 wav
		mp4 20 mp4
		webm 15 webm
	EOF
}

# Make the two 60 s masters in DIR/src: master-mono.wav and
# master-stereo.wav (44.1 kHz, 16 bit).
make_masters() {
	local src=$1/src work i inputs filter
	if [ -s "$src/master-mono.wav" ] && [ -s "$src/master-stereo.wav" ]; then
		echo "make-corpus: $src/master-*.wav exist, skipping"
		return 0
	fi
	command -v espeak-ng >/dev/null 2>&1 ||
		die "'espeak-ng' is not installed (apt-get install espeak-ng)"
	espeak-ng --voices=id | grep -q '[[:space:]]id[[:space:]]' ||
		die "espeak-ng has no Indonesian voice"
	mkdir -p -- "$src"
	work=$(mktemp -d)
	# shellcheck disable=SC2064 # expand $work now: it is local
	trap "rm -rf -- '$work'" EXIT
	local sentences=(
		"Selamat datang di Podcast KPU Kabupaten Grobogan."
		"Hari ini kita membahas tahapan pemilihan umum, mulai dari pendaftaran pemilih sampai penghitungan suara."
		"Petugas Komisi Pemilihan Umum menjelaskan cara memeriksa nama Anda di daftar pemilih tetap."
		"Jangan lupa membawa kartu tanda penduduk ke tempat pemungutan suara."
		"Pemungutan suara dimulai pukul tujuh pagi dan selesai pukul satu siang."
		"Setelah itu, petugas menghitung suara di depan saksi dan masyarakat."
		"Pemilih yang sedang sakit dapat dilayani oleh petugas di rumah sakit terdekat."
		"Informasi lengkap tersedia di laman resmi dan media sosial KPU."
		"Mari bersama kita wujudkan pemilu yang jujur, adil, dan damai."
		"Terima kasih telah mendengarkan. Sampai jumpa di episode berikutnya, dan gunakan hak pilih Anda dengan bijak."
	)
	# Pauses after each sentence, in seconds: silences make the VBR bit
	# rate swing, as in a real conversation.
	local pauses=(1.2 0.6 2.0 0.8 1.5 0.4 0.7 1.0 2.0 3.0)
	inputs=()
	filter=""
	for i in "${!sentences[@]}"; do
		echo "make-corpus: speaking sentence $((i + 1)) with espeak-ng -v id"
		espeak-ng -v id -w "$work/s$i.wav" "${sentences[$i]}"
		inputs+=(-i "$work/s$i.wav")
		filter+="[$i:a]aresample=44100,apad=pad_dur=${pauses[$i]}[s$i];"
	done
	for i in "${!sentences[@]}"; do
		filter+="[s$i]"
	done
	# Speech over pink noise at about -50 dBFS, exactly 60 s long; the
	# noise has a fixed seed.
	filter+="concat=n=${#sentences[@]}:v=0:a=1[speech];"
	filter+="anoisesrc=c=pink:a=0.003:seed=7:r=44100:d=60[noise];"
	filter+="[speech][noise]amix=inputs=2:duration=longest:normalize=0,"
	filter+="atrim=0:60,asetpts=N/SR/TB[out]"
	echo "make-corpus: writing $src/master-mono.wav"
	"${ff[@]}" "${inputs[@]}" -filter_complex "$filter" -map '[out]' \
		-ac 1 -c:a pcm_s16le "${bitexact[@]}" "$work/master-mono.wav"
	mv -f -- "$work/master-mono.wav" "$src/master-mono.wav"
	# Stereo: the right channel is the left one 250 ms later.
	echo "make-corpus: writing $src/master-stereo.wav"
	"${ff[@]}" -i "$src/master-mono.wav" -filter_complex \
		"[0:a]asplit[l][r];[r]adelay=250,atrim=0:60[rd];[l][rd]join=inputs=2:channel_layout=stereo[out]" \
		-map '[out]' -c:a pcm_s16le "${bitexact[@]}" "$work/master-stereo.wav"
	mv -f -- "$work/master-stereo.wav" "$src/master-stereo.wav"
	rm -rf -- "$work"
	trap - EXIT
}

# Make one corpus file, DIR/NAME, from its kind and number.
make_one() {
	local dir=$1 name=$2 kind num i tmp src dur off ar
	kind=${name%%-*}
	num=${name#*-}
	num=${num%%.*}
	i=$((10#$num))
	tmp="$dir/.tmp-$name"
	[ -s "$dir/$name" ] && return 0
	echo "make-corpus: writing $dir/$name"

	# A 5-60 s cut of a master, at an offset that varies with the number;
	# every third file is stereo.
	dur=$((5 + (i * 37 + ${#kind} * 11) % 56))
	off=$(((i * 13) % (61 - dur)))
	if [ $((i % 3)) -eq 0 ]; then
		src="$dir/src/master-stereo.wav"
	else
		src="$dir/src/master-mono.wav"
	fi
	local cut=(-ss "$off" -t "$dur" -i "$src")

	case $kind in
	mp3cbr)
		local rates=(44100 44100 22050 48000 44100)
		local kbps=(64 96 48 128 160)
		local noinfo=()
		[ $((i % 5)) -eq 0 ] && noinfo=(-t)
		"${ff[@]}" "${cut[@]}" -ar "${rates[$((i % 5))]}" -f wav - |
			lame --quiet --cbr -b "${kbps[$(((i / 5) % 5))]}" \
				"${noinfo[@]}" - "$tmp"
		;;
	mp3vbr)
		"${ff[@]}" "${cut[@]}" -f wav - |
			lame --quiet -V "$((2 + i % 6))" --tt "Episode $i" \
				--ta "KPU Kabupaten Grobogan" - "$tmp"
		;;
	mp3noxing)
		local af=anull
		[ $((i % 2)) -eq 0 ] && af="adelay=$((500 + (i * 250) % 2500)):all=1"
		"${ff[@]}" "${cut[@]}" -af "$af" -f wav - |
			lame --quiet -V "$((3 + i % 5))" -t - "$tmp"
		;;
	mp3long)
		# 20, 22, ... 38 minutes of the looped master after 1-3 s of
		# silence, at 44.1 kHz mono, streamed into lame (no big WAV).
		dur=$(((20 + 2 * (i - 1)) * 60))
		"${ff[@]}" -stream_loop -1 -i "$dir/src/master-mono.wav" \
			-af "adelay=$((1000 + (i % 3) * 1000)):all=1" -t "$dur" \
			-f wav - |
			lame --quiet -V "$((4 + i % 4))" -t - "$tmp"
		;;
	m4a)
		local faststart=()
		[ $((i % 2)) -eq 0 ] && faststart=(-movflags +faststart)
		"${ff[@]}" "${cut[@]}" -c:a aac -b:a "$((48 + (i % 4) * 24))k" \
			"${faststart[@]}" "${bitexact[@]}" -f ipod "$tmp"
		;;
	opus)
		"${ff[@]}" "${cut[@]}" -ar 48000 -c:a libopus \
			-b:a "$((24 + (i % 4) * 16))k" "${bitexact[@]}" -f ogg "$tmp"
		;;
	vorbis)
		"${ff[@]}" "${cut[@]}" -c:a libvorbis -q:a "$((1 + i % 5))" \
			"${bitexact[@]}" -f ogg "$tmp"
		;;
	flac)
		"${ff[@]}" "${cut[@]}" -c:a flac \
			-compression_level "$(((i % 3) * 4))" "${bitexact[@]}" \
			-f flac "$tmp"
		;;
	wav)
		ar=44100
		[ $((i % 2)) -eq 0 ] && ar=22050
		"${ff[@]}" "${cut[@]}" -ar "$ar" -c:a pcm_s16le "${bitexact[@]}" \
			-f wav "$tmp"
		;;
	mp4)
		dur=$((5 + (i * 7) % 16))
		local faststart=()
		[ $((i % 2)) -eq 0 ] && faststart=(-movflags +faststart)
		"${ff[@]}" -f lavfi -i "testsrc2=size=320x240:rate=25:duration=$dur" \
			-ss "$off" -t "$dur" -i "$src" -map 0:v -map 1:a \
			-c:v libx264 -preset ultrafast -crf 35 -pix_fmt yuv420p \
			-threads 1 -c:a aac -b:a 64k "${faststart[@]}" \
			"${bitexact[@]}" -f mp4 "$tmp"
		;;
	webm)
		dur=$((5 + (i * 7) % 11))
		local venc=(-c:v libvpx -b:v 150k) aenc=(-c:a libvorbis -q:a 2)
		if [ $((i % 3)) -eq 0 ]; then
			venc=(-c:v libvpx-vp9 -b:v 150k -row-mt 0)
			aenc=(-c:a libopus -b:a 32k -ar 48000)
		fi
		"${ff[@]}" -f lavfi -i "testsrc2=size=160x120:rate=15:duration=$dur" \
			-ss "$off" -t "$dur" -i "$src" -map 0:v -map 1:a \
			"${venc[@]}" -deadline realtime -cpu-used 8 -threads 1 \
			"${aenc[@]}" "${bitexact[@]}" -f webm "$tmp"
		;;
	*)
		die "unknown kind '$kind' in '$name'"
		;;
	esac
	[ -s "$tmp" ] || die "'$name' came out empty"
	mv -f -- "$tmp" "$dir/$name"
}

if [ "${1-}" = "--one" ]; then
	[ "$#" -eq 3 ] || die "usage: $0 --one DIR NAME"
	make_one "$2" "$3"
	exit 0
fi

if [ "$#" -gt 1 ]; then
	echo "usage: $0 [DIR]" >&2
	exit 2
fi
root=$(cd -- "$(dirname -- "$0")/.." && pwd)
dir=${1:-$root/build/bench-corpus}

for tool in ffmpeg lame xargs; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "'$tool' is not installed (apt-get install ffmpeg lame espeak-ng)"
done

mkdir -p -- "$dir"
start=$SECONDS
make_masters "$dir"

total=0
missing=()
while IFS= read -r name; do
	total=$((total + 1))
	[ -s "$dir/$name" ] || missing+=("$name")
done < <(plan)
echo "make-corpus: $total files planned in $dir, ${#missing[@]} to make"
if [ "${#missing[@]}" -gt 0 ]; then
	printf '%s\n' "${missing[@]}" |
		xargs -d '\n' -n 1 -P 2 bash "$0" --one "$dir"
fi
plan >"$dir/.files.txt.tmp"
mv -f -- "$dir/.files.txt.tmp" "$dir/files.txt"
echo "make-corpus: done in $((SECONDS - start)) s: $total files," \
	"$(cd -- "$dir" && xargs -d '\n' -a files.txt du -ch -- | tail -n 1 | cut -f1)" \
	"in $dir"
