#!/usr/bin/env bash
# Times the README's quickstart (./looptool run on examples/quickstart.yaml) RUNS times on this
# machine and prints each run's wall time, its SFT warm-up's share, and min/median/max: the figure
# the README gives comes from this. Build first: mvn -q -DskipTests package.
#
#   scripts/quickstart-time.sh [RUNS]     (default 3; each run takes 8-20 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
times=()
for i in $(seq "$runs"); do
  start=$(date +%s)
  ./looptool run --config examples/quickstart.yaml --store "$work/store-$i" --run-id "qt-$i" >"$work/run-$i.log" 2>&1
  took=$(( $(date +%s) - start ))
  sft=$(grep -o 'sft  done in [0-9:]*' "$work/run-$i.log" | awk '{print $4}')
  printf 'run %d: %d:%02d (SFT warm-up %s)\n' "$i" $((took / 60)) $((took % 60)) "${sft:-?}"
  times+=("$took")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
fmt() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }
min=$(echo "$sorted" | head -1); max=$(echo "$sorted" | tail -1)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
echo "quickstart on $(nproc) cores: min $(fmt "$min"), median $(fmt "$median"), max $(fmt "$max") over $runs runs"
