"""Writes more.csv and expected.json: the data for the expectations added in issue 17's second step, and what pandas
computes on it (row and column counts, nulls, value lengths, sums), once. Run with Debian's python3 (pandas)."""
import json, random
import pandas as pd

random.seed(17)
rows = []
for i in range(2000):
    code = random.choice(["AB12", "CD34", "EF56", "GH7"]) if i % 97 else "IJ890"
    note = "" if i % 50 else f"checked {i}"
    score = "" if i % 333 == 0 else f"{random.uniform(-5, 105):.4f}"
    rows.append(f"{i},{code},{score},{note}")
open("more.csv", "w").write("id,code,score,note\n" + "\n".join(rows) + "\n")

df = pd.read_csv("more.csv", dtype=str, keep_default_na=False, na_values=[""])
codes = df["code"].dropna()
score = pd.to_numeric(df["score"])
expected = {
    "rows": int(len(df)),
    "columns": int(len(df.columns)),
    "note_nonnull": int(df["note"].notna().sum()),
    "code_length_not_4": int((codes.str.len() != 4).sum()),
    "code_nonnull": int(codes.size),
    "score_sum": float(score.sum()),
    "score_nonnull": int(score.notna().sum()),
    "code_unique_share": float(codes.nunique() / codes.size),
}
json.dump(expected, open("expected.json", "w"), indent=2)
print(expected)
