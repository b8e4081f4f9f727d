#!/usr/bin/env bash
# Runs every command of docs/guide.md, in order, so that the guide cannot drift from procpool.
#
# A command is a line of the guide that starts with "$ procpool " (optionally after a
# JAVA_HOME=... prefix). A trailing "# exit N" says which exit status it must end with
# (default 0). Any other status fails the script.
#
#   docs/guide/run-guide.sh           full sizes; pictures and JSON land in docs/guide/, and each
#                                     output replaces the old one under its command in the guide
#   GUIDE_ONLY=REGEX docs/guide/run-guide.sh
#                                     the same for the commands that match REGEX only (to redo a run
#                                     that a busy machine spoilt)
#   GUIDE_QUICK=1 docs/guide/run-guide.sh
#                                     task sizes cut 50-fold, --repeat 1, files in a temporary folder:
#                                     checks that every command still runs, in well under a minute
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=coordinator/target/procpool.jar
[ -f "$jar" ] || mvn -q -B -DskipTests package

# The guide's definition of procpool, word for word.
procpool() { "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar coordinator/target/procpool.jar "$@"; }

quick=${GUIDE_QUICK:-}
only=${GUIDE_ONLY:-}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
transcript=$scratch/transcript.txt
: > "$transcript"
if [ -n "$quick" ]; then
  out=$scratch
else
  out=docs/guide
fi

failures=0
count=0
while IFS= read -r line; do
  command=${line#\$ }
  expected=0
  if [[ $command =~ \#\ exit\ ([0-9]+)[[:space:]]*$ ]]; then
    expected=${BASH_REMATCH[1]}
  fi
  if [[ $command =~ ^JAVA_HOME=([^ ]+) ]] && [ ! -x "${BASH_REMATCH[1]}/bin/java" ]; then
    echo "skipped (no ${BASH_REMATCH[1]}): $command"
    continue
  fi
  if [ -n "$quick" ]; then
    command=$(OUT="$out" perl -pe 's#docs/guide/#$ENV{OUT}/#g; s/--repeat \d+/--repeat 1/;
      s/--size (\d+)/"--size " . int($1 \/ 50)/ge' <<<"$command")
  fi
  if [ -n "$only" ] && ! [[ $command =~ $only ]]; then
    continue
  fi
  count=$((count + 1))
  echo "\$ $command" | tee -a "$transcript"
  set +e
  output=$(eval "$command" 2>&1)
  status=$?
  set -e
  printf '%s\n' "$output" | tee -a "$transcript" >/dev/null
  [ -n "$quick" ] || printf '%s\n' "$output"
  echo "[exit $status]" | tee -a "$transcript"
  echo >>"$transcript"
  if [ "$status" -ne "$expected" ]; then
    echo "FAILED: expected exit $expected, got $status: $command" >&2
    [ -z "$quick" ] || printf '%s\n' "$output" >&2
    failures=$((failures + 1))
  fi
done < <(grep -E '^\$ (JAVA_HOME=[^ ]+ )?procpool ' docs/guide.md)

if [ -z "$quick" ] && [ "$failures" -eq 0 ] && command -v python3 >/dev/null; then
  python3 docs/guide/splice-outputs.py docs/guide.md "$transcript"
fi
echo "$((count - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
