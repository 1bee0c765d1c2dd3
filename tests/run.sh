#!/usr/bin/env bash
# Run every test of siar and end with the line "N passed, N failed".
#
# Usage: SIAR=path/to/siar BUILD=build/dir tests/run.sh UNIT_TEST_BINARY...
#
# Every test speaks TAP ("ok N - name" / "not ok N - name"): the cmocka unit
# tests through CMOCKA_MESSAGE_OUTPUT=TAP, the end-to-end scripts in
# tests/e2e/ through tests/e2e/lib.sh. A test program that crashes or exits
# non-zero without reporting a failure counts as one failure.
set -u
cd "$(dirname "$0")/.."
: "${SIAR:?set SIAR to the siar binary}"
: "${BUILD:?set BUILD to the build directory}"
export SIAR BUILD
export SIAR_SAMPLES="$BUILD/samples"

passed=0
failed=0
log="$BUILD/test-log"
mkdir -p "$log"

# Count the TAP lines of one test program's output and echo it.
tally() {
	local name="$1" out="$2" status="$3" p f
	p=$(grep -cE '^ok [0-9]+' "$out")
	f=$(grep -cE '^not ok [0-9]+' "$out")
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $status" >>"$out"
		f=1
	fi
	if [ "$f" -ne 0 ]; then
		echo "== $name: $p passed, $f failed (output in $out)"
		grep -E '^not ok|^# ' "$out" | head -40
	else
		echo "== $name: $p passed"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

run() {
	local name="$1" out status
	shift
	out="$log/$name.tap"
	"$@" >"$out" 2>&1
	status=$?
	tally "$name" "$out" "$status"
}

echo "== generating sample media into $SIAR_SAMPLES"
if ! bash scripts/make-samples.sh "$SIAR_SAMPLES" >"$log/samples.log" 2>&1; then
	cat "$log/samples.log"
	echo "0 passed, 1 failed"
	exit 1
fi

out="$log/banned.tap"
if bash scripts/check-banned.sh >"$out" 2>&1; then
	echo "ok 1 - no banned functions" >>"$out"
else
	echo "not ok 1 - banned functions used" >>"$out"
fi
tally check-banned "$out" 0

for t in "$@"; do
	run "$(basename "$t")" env CMOCKA_MESSAGE_OUTPUT=TAP "$t"
done

for t in tests/e2e/test_*.sh; do
	run "$(basename "$t" .sh)" bash "$t"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
