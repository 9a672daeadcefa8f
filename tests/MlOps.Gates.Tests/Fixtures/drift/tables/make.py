#!/usr/bin/env python3
"""Writes the real-table drift fixture: two 10,000-row periods with a date-time column whose hour-of-day profile
shifts (January against February 2019), an id column, a 5,000-level categorical, a free-text column, and ordinary
numeric, categorical and binary columns; plus current-newtext.csv, whose text draws a third of its words from a new
vocabulary. expected.json holds ../shared/bench/drift_reference.py's verdicts (pandas + scipy, auto mode) on the
ordinary columns, computed once; run from this folder:

    python3 make.py /path/to/shared/bench/drift_reference.py
"""
import csv, json, random, subprocess, sys, tempfile, os
from datetime import datetime, timedelta

WORDS = [f"w{i}" for i in range(3000)]
NEW_WORDS = [f"n{i}" for i in range(3000)]


def zipf_word(rng, words):
    # A Zipf-like draw: word k with weight 1/(k+1).
    return words[min(int(rng.paretovariate(1.0)) - 1, len(words) - 1)]


def note(rng, new_share):
    n = rng.randint(3, 12)
    return " ".join(zipf_word(rng, NEW_WORDS if rng.random() < new_share else WORDS) for _ in range(n))


def write(path, seed, start, days, night_share, first_id, new_share):
    rng = random.Random(seed)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "ts", "notes", "level", "plan", "amount", "calls", "active"])
        for i in range(10_000):
            day = rng.randrange(days)
            hour = rng.choice([22, 23, 0, 1, 2, 3]) if rng.random() < night_share else rng.randint(8, 19)
            ts = start + timedelta(days=day, hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60))
            w.writerow([
                f"T{first_id + i:07d}",
                ts.strftime("%Y-%m-%d %H:%M:%S"),
                "" if rng.random() < 0.05 else note(rng, new_share),
                f"L{rng.randrange(5000):04d}",
                rng.choice(["basic", "basic", "pro", "family"]),
                f"{rng.gauss(50, 10):.2f}",
                rng.randint(0, 7),
                "true" if rng.random() < 0.3 else "false",
            ])


def main():
    reference_script = sys.argv[1]
    write("reference.csv", 1, datetime(2019, 1, 1), 31, 0.05, 0, 0.0)
    write("current.csv", 2, datetime(2019, 2, 1), 28, 0.45, 10_000, 0.0)
    write("current-newtext.csv", 3, datetime(2019, 2, 1), 28, 0.05, 20_000, 0.33)
    ordinary = ["id", "level", "plan", "amount", "calls", "active"]
    expected = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in ["reference.csv", "current.csv"]:
            with open(name) as src, open(os.path.join(tmp, name), "w", newline="") as dst:
                rows = list(csv.DictReader(src))
                w = csv.DictWriter(dst, fieldnames=ordinary, lineterminator="\n", extrasaction="ignore")
                w.writeheader()
                w.writerows(rows)
        out = os.path.join(tmp, "out.json")
        subprocess.run([sys.executable, reference_script, os.path.join(tmp, "reference.csv"), os.path.join(tmp, "current.csv"), "--method", "auto", "--json", out], check=True, stdout=subprocess.DEVNULL)
        expected = json.load(open(out))
    json.dump(expected, open("expected.json", "w"), indent=1, sort_keys=True)


main()
