#!/usr/bin/env bash
# Data-quality benchmark (issue 2): `mlops-gates check` with 20 checks over all columns of gen_data.py's
# 1,000,000-row reference.csv against Sep alone parsing the same file, alternating, several runs.
# SUITE=build/bench/gx-suite.json runs the same 20 checks as a Great Expectations 1.x suite (issue 17);
# SUITE=build/bench/gx-catalog-suite.json 20 expectations mixing the heavier catalogue types.
# Needs /usr/bin/python3 with numpy (Debian: python3-numpy) to generate the data once.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_BENCH:-$root/../shared/bench}
rows=${ROWS:-1000000}
data=${DATA:-$root/artifacts/bench/data-$rows}
runs=${RUNS:-3}
suite=${SUITE:-$root/build/bench/quality-suite.yml}
[ -f "$data/reference.csv" ] || /usr/bin/python3 "$shared/gen_data.py" "$data" --rows "$rows"
dotnet build "$root/build/bench/SepFloor" -c Release -o "$root/artifacts/bench/sepfloor" --nologo -v quiet
"$root/build/publish-cli.sh"
measure() { # prints "seconds peak_kb"
  /usr/bin/time -f "%e %M" -o "$root/artifacts/bench/time.txt" "$@" > /dev/null 2>&1 || true
  cat "$root/artifacts/bench/time.txt"
}
floor=(); gates=(); floor_mem=0; gates_mem=0
for i in $(seq "$runs"); do
  read -r s m < <(measure dotnet "$root/artifacts/bench/sepfloor/SepFloor.dll" "$data/reference.csv"); floor+=("$s"); floor_mem=$(( m > floor_mem ? m : floor_mem ))
  read -r s m < <(measure dotnet "$root/artifacts/bench/cli-r2r/mlops-gates.dll" check "$data/reference.csv" --suite "$suite" --report-dir "$root/artifacts/bench/reports" --no-progress); gates+=("$s"); gates_mem=$(( m > gates_mem ? m : gates_mem ))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
f=$(median "${floor[@]}"); g=$(median "${gates[@]}")
echo "file: $(du -m "$data/reference.csv" | cut -f1) MB, $rows rows, runs: $runs, suite: $(basename "$suite")"
echo "sep alone (floor):   median ${f} s  [${floor[*]}]  peak ${floor_mem} KB"
echo "mlops-gates check:   median ${g} s  [${gates[*]}]  peak ${gates_mem} KB"
awk -v g="$g" -v f="$f" 'BEGIN { printf "ratio check/floor: %.2fx (goal: at most 2x)\n", g / f }'
