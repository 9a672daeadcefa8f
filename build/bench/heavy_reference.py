# The 20 checks of heavy-suite.yml done the way a pandas team does them, for build/bench-heavy.sh: read the CSV,
# evaluate each check, print the verdicts as JSON. Needs Debian's python3-pandas.
import json, re, sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
cols = ["id"] + [f"num_{i}" for i in range(10)] + [f"cat_{i}" for i in range(10)] + ["label"]
def between(v, lo, hi): return (lo is None or v >= lo) and (hi is None or v <= hi)
q1 = df.num_1.quantile([0.25, 0.5, 0.75], interpolation="nearest")
r = {
    "columns_match_list": list(df.columns) == cols,
    "row_count_between": len(df) >= 1,
    "unique(id)": int(df.id.duplicated(keep=False).sum()),
    "compound_unique(id,cat_0)": int(df.duplicated(subset=["id", "cat_0"], keep=False).sum()),
    "duplicate_rows_at_most": int(df.duplicated().sum()),
    "median_between(num_0)": between(df.num_0.median(), -10, 10),
    "quantile_between(num_1)": all(between(v, lo, hi) for v, (lo, hi) in zip(q1, [(0, 20), (0, 20), (0, 30)])),
    "distinct_count_between(cat_0)": int(df.cat_0.nunique()),
    "distinct_count_between(cat_1)": int(df.cat_1.nunique()),
    "median_between(num_2)": between(df.num_2.median(), 0, 40),
    "quantile_between(num_3)": between(df.num_3.quantile(0.9, interpolation="nearest"), 0, 100),
    "between(num_4)": int((~df.num_4.dropna().between(-100, 200)).sum()),
    "not_null(num_5)": int(df.num_5.isna().sum()),
    "in_set(cat_2)": int((~df.cat_2.dropna().isin([f"c{i}" for i in range(8)])).sum()),
    "regex(cat_3)": int((~df.cat_3.dropna().astype(str).str.contains(r"^c[0-7]$", regex=True)).sum()),
    "mean_between(num_6)": between(df.num_6.mean(), 0, 100),
    "stdev_between(num_7)": between(df.num_7.std(), 0, 20),
    "distinct_count_between(num_8)": int(df.num_8.nunique()),
    "median_between(num_9)": between(df.num_9.median(), 0, 200),
    "category_share_between(cat_5)": between((df.cat_5 == "c0").sum() / df.cat_5.notna().sum(), 0.05, 0.3),
}
json.dump(r, sys.stdout, indent=1, default=bool)
