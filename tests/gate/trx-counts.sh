#!/usr/bin/env bash
# Reads VSTest's TRX result files.
#   trx-counts.sh FILE…         prints "passed failed skipped", summed over the files; exits 1 when there is none
#   trx-counts.sh --list FILE…  prints each failed test, and each skipped one with its reason
# Failed counts every outcome that is not a pass or a deliberate skip: failed, error, timeout, aborted.
set -uo pipefail
list=false
[[ "${1:-}" == --list ]] && { list=true; shift; }
files=()
for f in "$@"; do [[ -f "$f" ]] && files+=("$f"); done
(( ${#files[@]} )) || exit 1

if $list; then
  # One UnitTestResult element per test; TRX writes its attributes on one line.
  grep -ho '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"' "${files[@]}" |
    sed -E 's/.*testName="([^"]*)".*outcome="([^"]*)".*/   \2: \1/'
  for f in "${files[@]}"; do
    # A skipped xunit test is NotExecuted, its reason the first Message of its Output.
    awk '/<UnitTestResult [^>]*outcome="NotExecuted"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1 }
         want && /<Message>/ { gsub(/.*<Message>|<\/Message>.*/, ""); print "   skipped: " name " (" $0 ")"; want = 0 }' "$f"
  done
  exit 0
fi

attr() { sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p" <<<"$2"; }
p=0 f=0 s=0
for file in "${files[@]}"; do
  c="$(grep -o '<Counters [^>]*>' "$file")" || exit 1
  p=$((p + $(attr passed "$c")))
  f=$((f + $(attr failed "$c") + $(attr error "$c") + $(attr timeout "$c") + $(attr aborted "$c")))
  # A skipped test is counted in total but not in executed (TRX leaves notExecuted at 0 for it).
  s=$((s + $(attr total "$c") - $(attr executed "$c")))
done
echo "$p $f $s"
