#!/usr/bin/env bash
# Heavy data-quality checks (issue 15): `mlops-gates check` with build/bench/heavy-suite.yml (uniqueness, duplicate
# rows, medians, quantiles, distinct counts among 20 checks) against pandas running the same checks
# (build/bench/heavy_reference.py) and against Sep alone parsing the file, alternating, whole process.
# Needs Debian's python3-numpy and python3-pandas.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_BENCH:-$root/../shared/bench}
rows=${ROWS:-1000000}
data=${DATA:-$root/artifacts/bench/data-$rows}
runs=${RUNS:-5}
[ -f "$data/reference.csv" ] || /usr/bin/python3 "$shared/gen_data.py" "$data" --rows "$rows"
dotnet build "$root/build/bench/SepFloor" -c Release -o "$root/artifacts/bench/sepfloor" --nologo -v quiet
"$root/build/publish-cli.sh"
out=$root/artifacts/bench/heavy
mkdir -p "$out"
measure() { /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > /dev/null 2>&1 || true; cat "$out/time.txt"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
floor=(); ours=(); theirs=(); floor_mem=0; ours_mem=0; theirs_mem=0
for i in $(seq "$runs"); do
  read -r s m < <(measure dotnet "$root/artifacts/bench/sepfloor/SepFloor.dll" "$data/reference.csv"); floor+=("$s"); floor_mem=$(( m > floor_mem ? m : floor_mem ))
  read -r s m < <(measure dotnet "$root/artifacts/bench/cli-r2r/mlops-gates.dll" check "$data/reference.csv" --suite "$root/build/bench/heavy-suite.yml" --report-dir "$out/reports" --no-progress); ours+=("$s"); ours_mem=$(( m > ours_mem ? m : ours_mem ))
  read -r s m < <(measure /usr/bin/python3 "$root/build/bench/heavy_reference.py" "$data/reference.csv"); theirs+=("$s"); theirs_mem=$(( m > theirs_mem ? m : theirs_mem ))
done
f=$(median "${floor[@]}"); o=$(median "${ours[@]}"); t=$(median "${theirs[@]}")
echo "file: $(du -m "$data/reference.csv" | cut -f1) MB, $rows rows, runs: $runs"
echo "sep alone (floor):  median ${f} s [${floor[*]}], peak ${floor_mem} KB"
echo "heavy_reference.py: median ${t} s [${theirs[*]}], peak ${theirs_mem} KB"
echo "mlops-gates check:  median ${o} s [${ours[*]}], peak ${ours_mem} KB"
awk -v o="$o" -v t="$t" -v f="$f" -v om="$ours_mem" -v tm="$theirs_mem" 'BEGIN { printf "against pandas: %.1fx faster (goal: at least 5x), memory %.2f of its peak (goal: at most 0.5); against the Sep floor: %.2fx (goal: at most 2.5x)\n", t / o, om / tm, o / f }'
