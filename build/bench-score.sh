#!/usr/bin/env bash
# Batch scoring benchmark (issue 16): `mlops-gates score` against ML.NET's own Transform + CreateEnumerable loop
# written plainly (build/bench/ScoreReference), the sample's churn model on ROWS rows shaped like its data, alternating,
# whole process against whole process; prints rows per second of each, their ratio and peak memory, and checks that
# both wrote the same predictions.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rows=${ROWS:-1000000}
runs=${RUNS:-3}
out=$root/artifacts/bench/score
data=$out/customers-$rows.csv
model=$root/samples/Churn/models/production.zip
mkdir -p "$out"
if [ ! -f "$data" ]; then
  # The sample's 600 customers, repeated with fresh ids until the file holds ROWS rows.
  awk -v rows="$rows" -F, 'NR == 1 { print; next } { line[++n] = $0 } END {
    for (i = 0; i < rows; i++) { split(line[i % n + 1], f, ","); printf "C%08d", i; for (k = 2; k <= 9; k++) printf ",%s", f[k]; printf "\n" } }' \
    "$root/samples/Churn/data/customers.csv" > "$data"
fi
dotnet build "$root/build/bench/ScoreReference" -c Release -o "$root/artifacts/bench/score-reference" --nologo -v quiet > /dev/null
"$root/build/publish-cli.sh"
measure() { /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > /dev/null 2>&1 || true; cat "$out/time.txt"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ours=(); theirs=(); ours_mem=0; theirs_mem=0
for i in $(seq "$runs"); do
  read -r s m < <(measure dotnet "$root/artifacts/bench/cli-r2r/mlops-gates.dll" score --model "$model" --data "$data" -o "$out/ours.csv" --keep customer_id); ours+=("$s"); ours_mem=$(( m > ours_mem ? m : ours_mem ))
  read -r s m < <(measure dotnet "$root/artifacts/bench/score-reference/ScoreReference.dll" "$model" "$data" "$out/reference.csv"); theirs+=("$s"); theirs_mem=$(( m > theirs_mem ? m : theirs_mem ))
done
o=$(median "${ours[@]}"); t=$(median "${theirs[@]}")
echo "rows: $rows, runs: $runs"
echo "ML.NET Transform + CreateEnumerable: median ${t} s [${theirs[*]}], peak ${theirs_mem} KB"
echo "mlops-gates score:                   median ${o} s [${ours[*]}], peak ${ours_mem} KB"
awk -v o="$o" -v t="$t" -v r="$rows" -v om="$ours_mem" -v tm="$theirs_mem" 'BEGIN { printf "rows/s: %.0f (ours) vs %.0f (ML.NET loop): %.2fx; memory %.2f of the loop'"'"'s\n", r / o, r / t, t / o, om / tm }'
if cmp -s "$out/ours.csv" "$out/reference.csv"; then echo "predictions: identical files"; else echo "predictions: files differ"; diff <(head -5 "$out/ours.csv") <(head -5 "$out/reference.csv") || true; fi
