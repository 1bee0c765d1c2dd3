#!/usr/bin/env bash
# Fail if any C source uses a function banned by STYLE.md section 5.
# Usage: scripts/check-banned.sh [DIR...]  (default: the module folders)
set -eu
cd "$(dirname "$0")/.."
dirs=("$@")
if [ "${#dirs[@]}" -eq 0 ]; then
	dirs=(common media catalog feed cli tests)
fi
banned='sprintf|vsprintf|strcpy|strcat|strncpy|strncat|strtok|gets|atoi|atol|atof'
# \b before the name keeps snprintf/vsnprintf allowed; '(' after it makes
# it a call, not a word in a comment.
hits=$(grep -rnE --include='*.c' --include='*.h' "(^|[^a-zA-Z0-9_])($banned)[[:space:]]*\(" "${dirs[@]}" || true)
if [ -n "$hits" ]; then
	echo "check-banned: banned functions used:"
	echo "$hits"
	exit 1
fi
echo "check-banned: no banned functions in ${dirs[*]}"
