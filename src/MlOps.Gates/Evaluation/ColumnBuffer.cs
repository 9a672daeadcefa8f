namespace MlOps.Gates.Evaluation;

/// <summary>The values of one column read for an evaluation: as codes of distinct texts, or as finite numbers.</summary>
internal sealed class ColumnBuffer(string column, string role, bool numeric, int expectedRows, bool allowMissing = false, bool unitInterval = false)
{
    public string Column { get; } = column;

    /// <summary>What the column is for, in messages: "label", "score", "probability of cat".</summary>
    public string Role { get; } = role;

    public bool Numeric { get; } = numeric;

    public bool AllowMissing { get; } = allowMissing;

    /// <summary>Whether every value must lie in [0, 1], as a probability must.</summary>
    public bool UnitInterval { get; } = unitInterval;

    public CodeBook Book { get; } = new();

    public GrowableArray<int> Codes { get; } = new(numeric ? 0 : expectedRows);

    public GrowableArray<double> Numbers { get; } = new(numeric ? expectedRows : 0);

    /// <summary>Whether every number seen so far is in [0, 1].</summary>
    public bool AllInUnitInterval { get; set; } = true;

    /// <summary>
    /// The column as finite numbers: read as numbers, or read as text (before the task was known) and parsed once per
    /// distinct value; a value that is not a finite number is an error at its first appearance.
    /// </summary>
    public double[] ToNumbers(string file)
    {
        if (Numeric)
        {
            return Numbers.ToArray();
        }

        var parsed = new double[Book.Count];
        for (var code = 0; code < parsed.Length; code++)
        {
            var text = Book.Values[code];
            if (!Data.Numbers.TryParse(text, out parsed[code]) || !double.IsFinite(parsed[code]))
            {
                var at = Book.FirstSeen(code);
                throw new GatesInputException(ErrorCodes.BadPrediction, $"{at.Describe(file)}: the {Role} ('{Column}') '{text}' is not a finite number", at.Locate(file));
            }
        }

        var values = new double[Codes.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = parsed[Codes[i]];
        }

        return values;
    }
}
