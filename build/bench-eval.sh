#!/usr/bin/env bash
# Evaluation benchmark (issue 4): `mlops-gates evaluate` against ../shared/bench/eval_reference.py (pandas +
# scikit-learn) on the same generated predictions file, alternating, whole process against whole process: metrics
# overall and per segment. Prints the ratios of wall time and peak memory and checks that every metric, overall and
# per segment, equals scikit-learn's within 1e-9.
# Needs Debian's python3-numpy, python3-pandas and python3-sklearn.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_BENCH:-$root/../shared/bench}
rows=${ROWS:-1000000}
runs=${RUNS:-5}
data=$root/artifacts/bench/eval-$rows.csv
out=$root/artifacts/bench/eval-out
mkdir -p "$out"
[ -f "$data" ] || /usr/bin/python3 "$shared/eval_reference.py" generate "$data" --rows "$rows"
# The CLI as the MlOps.Gates package ships it on linux-x64 (ReadyToRun images), as bench-quality.sh measures it.
"$root/build/publish-cli.sh"
cli=(dotnet "$root/artifacts/bench/cli-r2r/mlops-gates.dll" evaluate --predictions "$data" --label label --predicted predicted --probability score --slice segment --metric accuracy=0.5 --no-progress -r "$out/ours")
measure() { /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > /dev/null 2>&1 || true; cat "$out/time.txt"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ours=(); theirs=(); ours_mem=0; theirs_mem=0
for i in $(seq "$runs"); do
  read -r s m < <(measure "${cli[@]}"); ours+=("$s"); ours_mem=$(( m > ours_mem ? m : ours_mem ))
  read -r s m < <(measure /usr/bin/python3 "$shared/eval_reference.py" "$data" --json "$out/reference.json"); theirs+=("$s"); theirs_mem=$(( m > theirs_mem ? m : theirs_mem ))
done
o=$(median "${ours[@]}"); t=$(median "${theirs[@]}")
echo "rows: $rows, runs: $runs"
echo "eval_reference.py:    median ${t} s [${theirs[*]}], peak ${theirs_mem} KB"
echo "mlops-gates evaluate: median ${o} s [${ours[*]}], peak ${ours_mem} KB"
awk -v o="$o" -v t="$t" -v om="$ours_mem" -v tm="$theirs_mem" 'BEGIN { printf "speed-up: %.1fx (goal: at least 6x); memory: %.2f of the reference (goal: at most 0.5)\n", t / o, om / tm }'
/usr/bin/python3 - "$out/reference.json" "$out/ours/report.json" <<'PY'
import json, sys
ref = json.load(open(sys.argv[1]))
ev = json.load(open(sys.argv[2]))["gates"][0]["evaluation"]
ours = {"overall": {m["name"]: m["value"] for m in ev["metrics"]}}
ours.update({"segments": {s["name"].split("=", 1)[1]: s["metrics"] for s in ev["slices"]}})
worst, n = 0.0, 0
for name, value in ref["overall"].items():
    worst = max(worst, abs(value - ours["overall"][name])); n += 1
for seg, metrics in ref["segments"].items():
    for name, value in metrics.items():
        worst = max(worst, abs(value - ours["segments"][seg][name])); n += 1
print(f"{n} metric values compared with scikit-learn: largest difference {worst:.3g} ({'within' if worst <= 1e-9 else 'NOT within'} 1e-9)")
PY
