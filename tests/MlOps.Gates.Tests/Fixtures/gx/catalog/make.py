"""Writes catalog.csv and cases.json for the Great Expectations core expectations added in issue 17's last steps:
for each expectation (with `mostly` at the passing share and just above it where the expectation maps values), what
GX's pandas engine decides on the file, computed here once with GX's own pandas logic (the metric functions of
great_expectations/expectations/metrics, 1.2.0) on pandas, scipy, python-dateutil, jsonschema and sqlite3's LIKE.
Run with Debian's python3 (python3-pandas, python3-scipy, python3-jsonschema) from this folder."""
import csv, json, math, random, re, sqlite3
from datetime import datetime
import pandas as pd
import jsonschema
from dateutil import parser as dateutil_parser

random.seed(1717)
N = 600
PAYLOADS = ['{"a": 1}', '{"a": "x"}', "[1, 2]", '"text"', "null", "3", '{"a": 1, "b": [true]}', "{bad", "[1,", "{'a': 1}"]
WHENS = ["2024-01-05", "01/05/2024", "Jan 5, 2024", "5 January 2024 10:30 PM", "2024-01-05T10:00:00Z", "20240105",
         "2024", "12", "not a date", "2024-13-01", "31/31/2024", "10:30", "yesterday-ish"]
STAMPS = ["2024-01-05 10:00:00", "2024-1-5 3:04:05", "2024-02-29 23:59:59", "2023-02-29 10:00:00",
          "2024-01-05T10:00:00", "2024-01-05 24:00:00", "2024-01-05 10:00", "2024-12-31 00:00:60"]
MIXED = ["12", "-7", "3.5", "1e3", "true", "False", "abc", "2024-01-05", "", " 4"]
CODES = ["AB-1234", "AB-9", "ab-1234", "XY-0001", "X_9", "AB-12345", "ZZ%", ""]

def pair_row(i):
    a = "" if i % 23 == 4 or i % 37 == 0 else random.randint(0, 100)
    b = "" if i % 19 == 4 or i % 37 == 0 else random.randint(0, 100)
    c = "" if i % 37 == 0 else (100 - (a or 0) - (b or 0)) + (1 if i % 17 == 0 else 0)
    x = "" if i % 43 == 2 else random.choice(["red", "green", "blue"])
    y = "" if i % 47 == 3 else (random.choice(["s", "m", "l"]) if random.random() < 0.7 else {"red": "s", "green": "m", "blue": "l", "": "s"}[x])
    u = random.random()
    v = u * 0.6 + random.random() * 0.4
    p = random.choice(["yes", "no"])
    q = p if random.random() < 0.3 else random.choice(["on", "off"]).replace("on", "yes").replace("off", "no")
    return {"a": a, "b": b, "c": c, "x": x, "x2": x if i % 13 else "purple", "y": y, "u": f"{u:.4f}", "v": f"{v:.4f}", "p": p, "q": q}


rows = []
seq = 0
fall = 10_000
day = 0
for i in range(N):
    seq += random.choice([1, 1, 1, 0, 2, -3])
    fall -= random.choice([1, 1, 2, 0, -1])
    day += random.choice([1, 1, 0, -2])
    amount = random.gauss(50, 10) if i % 97 else 50 + random.choice([-1, 1]) * 45
    rows.append({
        "id": i + 1,
        "code": random.choice(CODES),
        "payload": random.choice(PAYLOADS),
        "when": random.choice(WHENS),
        "stamp": random.choice(STAMPS),
        "mixed": random.choice(MIXED),
        "seq": "" if i % 41 == 5 else seq,
        "fall": fall,
        "ts": (datetime(2024, 1, 1) + pd.Timedelta(days=day + 400)).strftime("%Y-%m-%d") if i % 53 else "",
        "amount": "" if i % 29 == 3 else f"{amount:.3f}",
        "kind": "" if i % 31 == 7 else random.choice(["a", "a", "b", "b", "c", "d"]),
        "level": random.choice(["1", "2.0", "3", "2"]),
        **pair_row(i),
    })
with open("catalog.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)

# As MlOps.Gates reads the file: text cells, the empty cell missing.
df = pd.read_csv("catalog.csv", dtype=str, keep_default_na=False, na_values=[""])
cases = []


def map_case(gx_type, kwargs, column, expected_fn):
    """A column map expectation: nulls out of the denominator (GX's filter_column_isnull), mostly over the rest."""
    values = df[column].dropna()
    ok = values.map(expected_fn)
    unexpected = int((~ok).sum())
    n = int(values.size)
    base = {"type": gx_type, "kwargs": dict(kwargs, column=column), "unexpected_count": unexpected, "element_count": int(len(df))}
    cases.append(dict(base, success=unexpected == 0))
    if unexpected and n:
        share = (n - unexpected) / n
        cases.append(dict(base, kwargs=dict(base["kwargs"], mostly=share), success=True))
        cases.append(dict(base, kwargs=dict(base["kwargs"], mostly=min(1.0, share + 1e-4)), success=False))


def json_ok(v):
    try:
        json.loads(v)
        return True
    except ValueError:
        return False


SCHEMA = {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}


def schema_ok(v):
    try:
        jsonschema.validate(json.loads(v), SCHEMA)
        return True
    except (ValueError, jsonschema.ValidationError):
        return False


def dateutil_ok(v):
    try:
        dateutil_parser.parse(v)
        return True
    except (ValueError, OverflowError):
        return False


def strftime_ok(fmt):
    def ok(v):
        try:
            datetime.strptime(v, fmt)
            return True
        except ValueError:
            return False
    return ok


db = sqlite3.connect(":memory:")
db.execute("PRAGMA case_sensitive_like = ON")


def like(pattern):
    return lambda v: bool(db.execute("SELECT ? LIKE ?", (v, pattern)).fetchone()[0])


def is_int(v):
    return re.fullmatch(r"[+-]?\d+", v) is not None


def is_float(v):
    try:
        float(v)
        return "_" not in v and v.strip() == v
    except ValueError:
        return False


map_case("expect_column_values_to_be_json_parseable", {}, "payload", json_ok)
map_case("expect_column_values_to_match_json_schema", {"json_schema": SCHEMA}, "payload", schema_ok)
map_case("expect_column_values_to_be_dateutil_parseable", {}, "when", dateutil_ok)
map_case("expect_column_values_to_match_strftime_format", {"strftime_format": "%Y-%m-%d %H:%M:%S"}, "stamp", strftime_ok("%Y-%m-%d %H:%M:%S"))
map_case("expect_column_values_to_match_strftime_format", {"strftime_format": "%Y-%m-%dT%H:%M:%S"}, "stamp", strftime_ok("%Y-%m-%dT%H:%M:%S"))
map_case("expect_column_values_to_be_in_type_list", {"type_list": ["int"]}, "mixed", is_int)
map_case("expect_column_values_to_be_in_type_list", {"type_list": ["int", "float"]}, "mixed", lambda v: is_int(v) or is_float(v))
map_case("expect_column_values_to_match_like_pattern", {"like_pattern": "AB-%"}, "code", like("AB-%"))
map_case("expect_column_values_to_not_match_like_pattern", {"like_pattern": "AB-____"}, "code", lambda v: not like("AB-____")(v))
map_case("expect_column_values_to_match_like_pattern_list", {"like_pattern_list": ["AB-%", "XY-%"], "match_on": "any"}, "code", lambda v: like("AB-%")(v) or like("XY-%")(v))
map_case("expect_column_values_to_match_like_pattern_list", {"like_pattern_list": ["%-%", "%1%"], "match_on": "all"}, "code", lambda v: like("%-%")(v) and like("%1%")(v))
map_case("expect_column_values_to_not_match_like_pattern_list", {"like_pattern_list": ["ab%", "%\\%"]}, "code", lambda v: not (like("ab%")(v) or like("%\\%")(v)))
map_case("expect_column_values_to_match_regex_list", {"regex_list": ["^AB", "\\d{4}$"], "match_on": "any"}, "code", lambda v: bool(re.search("^AB", v) or re.search("\\d{4}$", v)))
map_case("expect_column_values_to_match_regex_list", {"regex_list": ["^[A-Z]{2}", "-"], "match_on": "all"}, "code", lambda v: bool(re.search("^[A-Z]{2}", v) and re.search("-", v)))
map_case("expect_column_values_to_not_match_regex_list", {"regex_list": ["_", "%"]}, "code", lambda v: not (re.search("_", v) or re.search("%", v)))



def increasing_ok(values, strictly, decreasing=False):
    diff = values.diff()
    if decreasing:
        diff = -diff
    diff[diff.isnull()] = 1
    return diff > 0 if strictly else diff >= 0


def order_case(gx_type, kwargs, column, decreasing=False):
    values = pd.to_numeric(df[column]).dropna()
    ok = increasing_ok(values, kwargs.get("strictly", False), decreasing)
    count_case(gx_type, dict(kwargs, column=column), int((~ok).sum()), int(values.size))


def dates_case(gx_type, kwargs, column):
    values = df[column].dropna().map(dateutil_parser.parse)
    diff = values.diff()
    diff.iloc[0] = pd.Timedelta(1)
    ok = diff > pd.Timedelta(0) if kwargs.get("strictly") else diff >= pd.Timedelta(0)
    count_case(gx_type, dict(kwargs, column=column, parse_strings_as_datetimes=True), int((~ok).sum()), int(values.size))


def count_case(gx_type, kwargs, unexpected, n):
    base = {"type": gx_type, "kwargs": kwargs, "unexpected_count": unexpected, "element_count": int(len(df))}
    cases.append(dict(base, success=unexpected == 0))
    if unexpected and n:
        share = (n - unexpected) / n
        cases.append(dict(base, kwargs=dict(kwargs, mostly=share), success=True))
        cases.append(dict(base, kwargs=dict(kwargs, mostly=min(1.0, share + 1e-4)), success=False))


order_case("expect_column_values_to_be_increasing", {}, "seq")
order_case("expect_column_values_to_be_increasing", {"strictly": True}, "seq")
order_case("expect_column_values_to_be_decreasing", {}, "fall", decreasing=True)
order_case("expect_column_values_to_be_decreasing", {"strictly": True}, "fall", decreasing=True)
dates_case("expect_column_values_to_be_increasing", {}, "ts")

amounts = pd.to_numeric(df["amount"]).dropna()
z = (amounts - amounts.mean()) / amounts.std()
for threshold, double_sided in [(3, True), (2, True), (2, False), (-0.5, False)]:
    ok = z.abs() < abs(threshold) if double_sided else z < threshold
    count_case("expect_column_value_z_scores_to_be_less_than", {"column": "amount", "threshold": threshold, "double_sided": double_sided}, int((~ok).sum()), int(amounts.size))

kinds = df["kind"].dropna()
levels = pd.read_csv("catalog.csv")["level"].dropna()
for column, values, value_set in [("kind", kinds, ["a", "b", "c", "d"]), ("kind", kinds, ["a", "b", "c"]), ("kind", kinds, ["a", "b", "c", "d", "e"]),
                                  ("level", levels, [1, 2, 3]), ("level", levels, [1, 2]), ("level", levels, [1, 2, 3, 4])]:
    observed = sorted(set(values.tolist()))
    distinct = set(values.tolist())
    for gx_type, success in [("expect_column_distinct_values_to_be_in_set", distinct <= set(value_set)),
                             ("expect_column_distinct_values_to_contain_set", set(value_set) <= distinct),
                             ("expect_column_distinct_values_to_equal_set", distinct == set(value_set))]:
        cases.append({"type": gx_type, "kwargs": {"column": column, "value_set": value_set}, "success": bool(success), "observed_value": observed})

for column, values, value_set, ties_okay in [("kind", kinds, ["a"], None), ("kind", kinds, ["b"], None), ("kind", kinds, ["a", "b"], True),
                                             ("kind", kinds, ["c"], True), ("level", levels, [2], None), ("level", levels, [3], True)]:
    modes = sorted(values.mode().tolist())
    intersection = len(set(value_set).intersection(modes))
    success = intersection > 0 if ties_okay else len(modes) == 1 and intersection == 1
    kwargs = {"column": column, "value_set": value_set}
    if ties_okay is not None:
        kwargs["ties_okay"] = ties_okay
    cases.append({"type": "expect_column_most_common_value_to_be_in_set", "kwargs": kwargs, "success": bool(success), "observed_value": modes})

typed = pd.read_csv("catalog.csv")


def pair_domain(a, b, ignore_row_if):
    frame = typed[[a, b]]
    if ignore_row_if == "both_values_are_missing":
        frame = frame.dropna(how="all")
    elif ignore_row_if == "either_value_is_missing":
        frame = frame.dropna(how="any")
    return frame


def pair_case(gx_type, kwargs, condition):
    ignore = kwargs.get("ignore_row_if", "both_values_are_missing")
    frame = pair_domain(kwargs["column_A"], kwargs["column_B"], ignore)
    ok = condition(frame[kwargs["column_A"]], frame[kwargs["column_B"]])
    count_case(gx_type, kwargs, int((~ok).sum()), int(len(frame)))


for ignore in ["both_values_are_missing", "either_value_is_missing", "neither"]:
    pair_case("expect_column_pair_values_a_to_be_greater_than_b", {"column_A": "a", "column_B": "b", "ignore_row_if": ignore}, lambda x, y: x > y)
    pair_case("expect_column_pair_values_to_be_equal", {"column_A": "x", "column_B": "x2", "ignore_row_if": ignore}, lambda x, y: x == y)
pair_case("expect_column_pair_values_a_to_be_greater_than_b", {"column_A": "a", "column_B": "b", "or_equal": True}, lambda x, y: x >= y)
pair_case("expect_column_pair_values_a_to_be_greater_than_b", {"column_A": "x", "column_B": "y"}, lambda x, y: x.combine(y, lambda m, n: isinstance(m, str) and isinstance(n, str) and m > n))
pair_case("expect_column_pair_values_to_be_equal", {"column_A": "a", "column_B": "b"}, lambda x, y: x == y)
PAIRS = [["red", "s"], ["green", "m"], ["blue", "l"], ["red", None], [None, "s"]]
pair_set = {(m, n) for m, n in PAIRS}
for ignore in ["both_values_are_missing", "neither"]:
    pair_case("expect_column_pair_values_to_be_in_set", {"column_A": "x", "column_B": "y", "value_pairs_set": PAIRS, "ignore_row_if": ignore},
              lambda x, y: pd.Series([((None if pd.isnull(m) else m), (None if pd.isnull(n) else n)) in pair_set for m, n in zip(x, y)], index=x.index))


def multi_case(kwargs):
    ignore = kwargs.get("ignore_row_if", "all_values_are_missing")
    frame = typed[kwargs["column_list"]]
    if ignore == "all_values_are_missing":
        frame = frame.dropna(how="all")
    elif ignore == "any_value_is_missing":
        frame = frame.dropna(how="any")
    ok = frame.sum(axis=1, skipna=False) == kwargs["sum_total"]
    count_case("expect_multicolumn_sum_to_equal", kwargs, int((~ok).sum()), int(len(frame)))


for ignore in ["all_values_are_missing", "any_value_is_missing", "never"]:
    multi_case({"column_list": ["a", "b", "c"], "sum_total": 100, "ignore_row_if": ignore})


def binned(series, bins=None, n_bins=None):
    # Great Expectations 0.15's PandasDataset.get_binned_values, step for step.
    import numpy as np
    if n_bins is None:
        n_bins = 10
    if series.dtype in ["int", "float"]:
        if bins is not None:
            bins = sorted(np.unique(bins))
            if np.min(series) < bins[0]:
                bins = [np.min(series)] + bins
            if np.max(series) > bins[-1]:
                bins = bins + [np.max(series)]
        if bins is None:
            bins = np.histogram_bin_edges(series[series.notnull()], bins=n_bins)
        bins = np.array(bins, dtype=float)
        bins[-1] = np.nextafter(bins[-1], bins[-1] + 1)
        labels = [str(k) for k in range(len(bins) - 1)]
        if any(np.isnan(series)):
            labels += ["(missing)"]
        return pd.Categorical.from_codes(codes=np.digitize(series, bins=bins) - 1, categories=labels, ordered=True)
    if bins is None:
        value_counts = series.value_counts(sort=True)
        if len(value_counts) < n_bins + 1:
            return series.fillna("(missing)")
        other_values = sorted(value_counts.index[n_bins:])
        replace = {value: "(other)" for value in other_values}
    else:
        replace = {}
        for group in bins:
            replace.update({value: ", ".join(group) for value in group})
    return series.replace(to_replace=replace).fillna("(missing)").astype("category")


def cramers_case(kwargs):
    from scipy import stats
    import numpy as np
    a = binned(typed[kwargs["column_A"]], kwargs.get("bins_A"), kwargs.get("n_bins_A"))
    b = binned(typed[kwargs["column_B"]], kwargs.get("bins_B"), kwargs.get("n_bins_B"))
    crosstab = pd.crosstab(a, columns=b)
    crosstab = crosstab.loc[crosstab.sum(axis=1) > 0, crosstab.sum(axis=0) > 0]
    chi2 = stats.chi2_contingency(crosstab)[0]
    v = max(min(np.sqrt(chi2 / len(typed) / (min(crosstab.shape) - 1)), 1), 0)
    cases.append({"type": "expect_column_pair_cramers_phi_value_to_be_less_than", "kwargs": kwargs, "success": bool(v <= kwargs.get("threshold", 0.1)), "observed_value": float(v)})


cramers_case({"column_A": "x", "column_B": "y"})
cramers_case({"column_A": "x", "column_B": "y", "threshold": 0.5})
cramers_case({"column_A": "p", "column_B": "q", "threshold": 0.5})
cramers_case({"column_A": "u", "column_B": "v", "threshold": 0.5})
cramers_case({"column_A": "u", "column_B": "v", "n_bins_A": 4, "n_bins_B": 3, "threshold": 0.5})
cramers_case({"column_A": "u", "column_B": "x", "bins_A": [0.25, 0.5, 0.75], "threshold": 0.5})
cramers_case({"column_A": "x", "column_B": "y", "bins_A": [["red", "green"], ["blue"]], "threshold": 0.5})

typed["unique_row"] = 0
for ignore in ["all_values_are_missing", "never"]:
    frame = typed[["x", "y", "x2"]]
    if ignore == "all_values_are_missing":
        frame = frame.dropna(how="all")
    ok = frame.apply(lambda r: r.nunique(dropna=False) == len(r), axis=1)
    count_case("expect_multicolumn_values_to_be_unique", {"column_list": ["x", "y", "x2"], "ignore_row_if": ignore}, int((~ok).sum()), int(len(frame)))



def kl_case(column, partition, threshold=None, tail=0, internal=0):
    # Great Expectations 0.15's Dataset.expect_column_kl_divergence_to_be_less_than, step for step, on pandas.
    import numpy as np
    from scipy import stats
    series = typed[column]
    nonnull = int(series.notnull().sum())
    total = sum(partition["weights"]) + sum(partition.get("tail_weights", []))
    assert np.allclose(total, 1.0), "GX refuses a partition whose weights do not add up to 1"
    if "values" in partition:
        observed_weights = series.value_counts() / nonnull
        expected_weights = pd.Series(partition["weights"], index=partition["values"], name="expected")
        test_df = pd.concat([expected_weights, observed_weights.rename("count")], axis=1)
        na_counts = test_df.isnull().sum()
        pk = test_df["count"].fillna(0)
        if na_counts["expected"] > 0:
            test_df["expected"] *= 1 - tail
            qk = test_df["expected"].fillna(tail / na_counts["expected"])
        else:
            qk = test_df["expected"]
        kl = stats.entropy(pk, qk)
    else:
        bins = partition["bins"]
        hist = np.histogram(series, bins, density=False)[0]
        below = int((series < bins[0]).sum())
        above = int((series > bins[-1]).sum())
        observed_weights = np.array(hist) / nonnull
        expected_weights = np.array(partition["weights"]) * (1 - tail - internal)
        if internal > 0:
            zero_count = len(expected_weights) - np.count_nonzero(expected_weights)
            if zero_count > 0:
                for index, value in enumerate(expected_weights):
                    if value == 0:
                        expected_weights[index] = internal / zero_count
        if bins[0] == -np.inf and bins[-1] == np.inf:
            comb_expected, comb_observed = expected_weights, observed_weights
        elif bins[0] == -np.inf:
            comb_expected = np.concatenate((expected_weights, [tail]))
            comb_observed = np.concatenate((observed_weights, [above / nonnull]))
        elif bins[-1] == np.inf:
            comb_expected = np.concatenate(([tail], expected_weights))
            comb_observed = np.concatenate(([below / nonnull], observed_weights))
        else:
            if "tail_weights" in partition:
                tw = partition["tail_weights"]
                comb_expected = np.concatenate(([tw[0]], expected_weights, [tw[1]]))
            else:
                comb_expected = np.concatenate(([tail / 2], expected_weights, [tail / 2]))
            comb_observed = np.concatenate(([below / nonnull], observed_weights, [above / nonnull]))
        kl = stats.entropy(comb_observed, comb_expected)
    observed = None if np.isinf(kl) or np.isnan(kl) else float(kl)
    kwargs = {"column": column, "partition_object": partition}
    if threshold is not None:
        kwargs["threshold"] = threshold
    if tail:
        kwargs["tail_weight_holdout"] = tail
    if internal:
        kwargs["internal_weight_holdout"] = internal
    case = {"type": "expect_column_kl_divergence_to_be_less_than", "kwargs": kwargs, "success": bool(threshold is None or kl <= threshold)}
    if observed is not None:
        case["observed_value"] = observed
    else:
        case["observed_infinite"] = True
    cases.append(case)


inf = float("inf")
kl_case("kind", {"values": ["a", "b", "c", "d"], "weights": [0.33, 0.33, 0.17, 0.17]}, threshold=0.1)
kl_case("kind", {"values": ["a", "b", "c", "d"], "weights": [0.1, 0.1, 0.4, 0.4]}, threshold=0.1)
kl_case("kind", {"values": ["a", "b", "c"], "weights": [0.4, 0.4, 0.2]}, threshold=0.5)
kl_case("kind", {"values": ["a", "b", "c"], "weights": [0.4, 0.4, 0.2]}, threshold=0.5, tail=0.1)
kl_case("level", {"values": [1, 2, 3], "weights": [0.25, 0.5, 0.25]}, threshold=0.05)
kl_case("amount", {"bins": [0, 20, 40, 60, 80, 100], "weights": [0.01, 0.16, 0.66, 0.16, 0.01]}, threshold=0.1, tail=0.01)
kl_case("amount", {"bins": [20, 40, 50, 60, 80], "weights": [0.15, 0.34, 0.34, 0.15], "tail_weights": [0.01, 0.01]}, threshold=0.05)
kl_case("amount", {"bins": [-inf, 40, 50, 60, inf], "weights": [0.16, 0.34, 0.34, 0.16]}, threshold=0.05)
kl_case("amount", {"bins": [-inf, 40, 50, 60], "weights": [0.2, 0.4, 0.4]}, threshold=0.5, tail=0.16)
kl_case("amount", {"bins": [30, 40, 50, 60, 70], "weights": [0.2, 0.3, 0.5, 0.0]}, threshold=1, internal=0.05, tail=0.02)
kl_case("amount", {"bins": [30, 40, 50, 60, 70], "weights": [0.2, 0.3, 0.3, 0.2]})

with open("other.csv", "w") as f:
    f.write("n\n" + "".join(f"{i}\n" for i in range(N)))
with open("short.csv", "w") as f:
    f.write("n\n" + "".join(f"{i}\n" for i in range(N - 2)))
cases.append({"type": "expect_table_row_count_to_equal_other_table", "kwargs": {"other_table_name": "other.csv"}, "success": True, "observed_value": {"self": N, "other": N}})
cases.append({"type": "expect_table_row_count_to_equal_other_table", "kwargs": {"other_table_name": "short.csv"}, "success": False, "observed_value": {"self": N, "other": N - 2}})

# Strict JSON for the test to read; it writes the suite with GX's bare -Infinity and Infinity again.
text = json.dumps(cases, indent=1)
text = re.sub(r'(?<!")(-?Infinity)', r'"\1"', text)
open("cases.json", "w").write(text)
print(len(cases), "cases")
for c in cases:
    print(c["type"], c["kwargs"].get("mostly"), c.get("unexpected_count"), c["success"], c.get("observed_value"))
