# Helpers for the end-to-end tests: TAP output, a private catalogue in a
# temporary folder, and assertions on siar's exit status and messages.
# Sourced by tests/e2e/test_*.sh; needs SIAR (the binary) and SIAR_SAMPLES.
set -u
: "${SIAR:?set SIAR to the siar binary}"
: "${SIAR_SAMPLES:?set SIAR_SAMPLES to the generated sample media}"

tap_n=0
ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $*"
}
not_ok() {
	tap_n=$((tap_n + 1))
	echo "not ok $tap_n - $*"
}
# check DESCRIPTION COMMAND...: ok if COMMAND succeeds.
check() {
	local desc="$1"
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

WORK=$(mktemp -d /tmp/siar-e2e.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export SIAR_DB="$WORK/siar.db"
unset SIAR_USER 2>/dev/null || true

siar() { "$SIAR" "$@"; }

# Debian's python3, which has python3-feedparser and python3-podcastparser
# (a python3 earlier on PATH, e.g. from pyenv, would not).
PYTHON=${PYTHON:-/usr/bin/python3}

# Run siar, keeping stdout, stderr and status in $out, $err_text, $status.
run_siar() {
	out=$("$SIAR" "$@" 2>"$WORK/stderr")
	status=$?
	err_text=$(cat "$WORK/stderr")
}

# A text dump of the catalogue, to prove a failed command changed nothing.
dump_db() {
	sqlite3 "$SIAR_DB" .dump
}

# expect_failure DESCRIPTION NEEDLE ARGS...: siar fails with status 1 and
# exactly one line on stderr that starts with "siar: " and contains NEEDLE;
# the catalogue is unchanged.
expect_failure() {
	local desc="$1" needle="$2" before after lines
	shift 2
	before=$(dump_db)
	run_siar "$@"
	after=$(dump_db)
	lines=$(printf '%s\n' "$err_text" | grep -c .)
	if [ "$status" -eq 1 ] && [ "$lines" -eq 1 ] &&
		[[ "$err_text" == "siar: "* ]] &&
		[[ "$err_text" == *"$needle"* ]] && [ "$before" = "$after" ]; then
		ok "$desc"
	else
		not_ok "$desc (status $status, stderr: $err_text)"
		[ "$before" = "$after" ] || echo "# catalogue changed"
	fi
}

# Duration in seconds of a full decode of FILE (ffmpeg's last time=).
decode_seconds() {
	ffmpeg -nostdin -hide_banner -i "$1" -f null - 2>&1 | tr '\r' '\n' |
		grep -o 'time=[0-9:.]*' | tail -n 1 |
		awk -F'[=:]' '{ printf "%.3f\n", $2 * 3600 + $3 * 60 + $4 }'
}
