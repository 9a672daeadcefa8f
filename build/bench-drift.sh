#!/usr/bin/env bash
# Drift benchmark (issue 3): `mlops-gates drift` against ../shared/bench/drift_reference.py (pandas + scipy) on the
# same gen_data.py files, alternating, whole process against whole process; prints the ratios of wall time and peak
# memory, and checks that every column's verdict is the same in auto and ks modes.
# Needs Debian's python3-numpy, python3-pandas and python3-scipy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_BENCH:-$root/../shared/bench}
rows=${ROWS:-1000000}
runs=${RUNS:-3}
data=$root/artifacts/bench/drift-$rows
out=$root/artifacts/bench/drift-out
mkdir -p "$out"
[ -f "$data/reference.csv" ] || /usr/bin/python3 "$shared/gen_data.py" "$data" --rows "$rows"
# The CLI as the MlOps.Gates package ships it on linux-x64 (ReadyToRun images), as bench-quality.sh measures it.
"$root/build/publish-cli.sh"
cli=(dotnet "$root/artifacts/bench/cli-r2r/mlops-gates.dll" drift --reference "$data/reference.csv" --current "$data/current.csv" --exclude id --no-progress)
measure() { /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > /dev/null 2>&1 || true; cat "$out/time.txt"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ours=(); theirs=(); ours_mem=0; theirs_mem=0
for i in $(seq "$runs"); do
  read -r s m < <(measure "${cli[@]}" -r "$out/auto"); ours+=("$s"); ours_mem=$(( m > ours_mem ? m : ours_mem ))
  read -r s m < <(measure /usr/bin/python3 "$shared/drift_reference.py" "$data/reference.csv" "$data/current.csv" --method auto --json "$out/reference-auto.json"); theirs+=("$s"); theirs_mem=$(( m > theirs_mem ? m : theirs_mem ))
done
o=$(median "${ours[@]}"); t=$(median "${theirs[@]}")
echo "rows: $rows, runs: $runs (auto mode)"
echo "drift_reference.py: median ${t} s [${theirs[*]}], peak ${theirs_mem} KB"
echo "mlops-gates drift:  median ${o} s [${ours[*]}], peak ${ours_mem} KB"
awk -v o="$o" -v t="$t" -v om="$ours_mem" -v tm="$theirs_mem" 'BEGIN { printf "speed-up: %.1fx (goal: at least 8x); memory: %.2f of the reference (goal: at most 0.5)\n", t / o, om / tm }'
# Verdicts, both modes.
"${cli[@]}" -r "$out/ks" --stattest ks > /dev/null 2>&1 || true
/usr/bin/python3 "$shared/drift_reference.py" "$data/reference.csv" "$data/current.csv" --method ks --json "$out/reference-ks.json" > /dev/null 2>&1 || true
for mode in auto ks; do
  /usr/bin/python3 - "$out/reference-$mode.json" "$out/$mode/report.json" "$mode" <<'PY'
import json, sys
ref = {c["column"]: c["drift"] for c in json.load(open(sys.argv[1]))["columns"]}
ours = {c["name"]: c["drifted"] for c in json.load(open(sys.argv[2]))["gates"][0]["columns"]}
diff = [k for k in ref if ref[k] != ours.get(k)]
print(f"{sys.argv[3]} mode: {len(ref) - len(diff)}/{len(ref)} column verdicts equal" + (f"; differ: {diff}" if diff else ""))
PY
done
