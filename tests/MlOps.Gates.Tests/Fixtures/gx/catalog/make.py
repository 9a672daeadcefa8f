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

json.dump(cases, open("cases.json", "w"), indent=1)
print(len(cases), "cases")
for c in cases:
    print(c["type"], c["kwargs"].get("mostly"), c.get("unexpected_count"), c["success"], c.get("observed_value"))
