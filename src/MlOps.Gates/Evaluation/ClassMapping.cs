using MlOps.Gates.Data;

namespace MlOps.Gates.Evaluation;

/// <summary>
/// Turns label and prediction texts into classes. Binary: the positive class is the one named, else 1, true or yes
/// against 0, false or no. Multiclass: the classes the model or the probability columns name, else every value seen,
/// numbers in numeric order. A value outside the classes is an error that points at the cell where it first appears.
/// </summary>
internal static class ClassMapping
{
    private static readonly (string Positive, string Negative)[] Pairs = [("1", "0"), ("true", "false"), ("yes", "no"), ("1.0", "0.0")];

    /// <summary>The negative and positive class names of binary labels.</summary>
    public static (string Negative, string Positive) BinaryClasses(CodeBook labels, string? positiveClass, string file, string column)
    {
        if (positiveClass is not null)
        {
            var others = labels.Values.Where(v => v != positiveClass).ToList();
            if (others.Count > 1)
            {
                throw Unknown(labels, labels.Values.ToList().IndexOf(others[1]), file, column, $"a binary label has two classes, but besides the positive class '{positiveClass}' there are '{others[0]}' and '{others[1]}'");
            }

            return (others.Count == 1 ? others[0] : "(other)", positiveClass);
        }

        foreach (var (positive, negative) in Pairs)
        {
            var outside = labels.Values.Select((v, i) => (v, i)).FirstOrDefault(p => !Same(p.v, positive) && !Same(p.v, negative));
            if (outside.v is null)
            {
                // The classes keep the names the data gives them: true and false stay true and false.
                return (labels.Values.FirstOrDefault(v => Same(v, negative)) ?? negative, labels.Values.FirstOrDefault(v => Same(v, positive)) ?? positive);
            }

            if (labels.Values.Any(v => Same(v, positive) || Same(v, negative)))
            {
                throw Unknown(labels, outside.i, file, column, $"the label '{outside.v}' is neither {positive} nor {negative}; set positive_class when the classes have other names");
            }
        }

        var shown = string.Join(", ", labels.Values.Take(5).Select(v => $"'{v}'"));
        throw new GatesInputException(
            ErrorCodes.UnknownClass,
            $"{file}: cannot tell the positive class of the labels in '{column}' ({shown}); set positive_class (--positive-class)",
            labels.Count > 0 ? labels.FirstSeen(0).Locate(file) : new Results.SourceLocation(file));
    }

    /// <summary>Whether each row's text is the positive class; a text that is neither class is an error.</summary>
    public static bool[] ToBinary(ColumnBuffer buffer, string negative, string positive, string file)
    {
        var map = new bool[buffer.Book.Count];
        for (var code = 0; code < map.Length; code++)
        {
            var value = buffer.Book.Values[code];
            if (Same(value, positive))
            {
                map[code] = true;
            }
            else if (!Same(value, negative))
            {
                throw Unknown(buffer.Book, code, file, buffer.Column, $"the {buffer.Role} '{value}' is neither class of the label ({negative}, {positive})");
            }
        }

        var codes = buffer.Codes;
        var result = new bool[codes.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = map[codes[i]];
        }

        return result;
    }

    /// <summary>Multiclass classes: the known ones in their order, else every value of the given books, numbers in numeric order.</summary>
    public static IReadOnlyList<string> Classes(IReadOnlyList<string>? known, params CodeBook[] books)
    {
        if (known is { Count: > 0 })
        {
            return known;
        }

        var values = books.SelectMany(b => b.Values).Distinct(StringComparer.Ordinal).ToList();
        var numbers = values.Select(v => Numbers.TryParse(v, out var d) ? d : (double?)null).ToList();
        return numbers.All(n => n is not null)
            ? values.Zip(numbers).OrderBy(p => p.Second).Select(p => p.First).ToList()
            : values.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Each row's class index; a value outside the classes is an error at its first appearance.</summary>
    public static int[] ToClasses(ColumnBuffer buffer, IReadOnlyList<string> classes, string file)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < classes.Count; c++)
        {
            index[classes[c]] = c;
        }

        var map = new int[buffer.Book.Count];
        for (var code = 0; code < map.Length; code++)
        {
            var value = buffer.Book.Values[code];
            if (!index.TryGetValue(value, out map[code]) && !TryNumericMatch(value, index, out map[code]))
            {
                var shown = string.Join(", ", classes.Take(10));
                throw Unknown(buffer.Book, code, file, buffer.Column, $"the {buffer.Role} '{value}' is not one of the model's classes ({shown}{(classes.Count > 10 ? ", ..." : "")})");
            }
        }

        var codes = buffer.Codes;
        var result = new int[codes.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = map[codes[i]];
        }

        return result;
    }

    /// <summary>"1.0" and "1" name the same class when the classes are numbers.</summary>
    private static bool TryNumericMatch(string value, Dictionary<string, int> index, out int found)
    {
        found = -1;
        if (!Numbers.TryParse(value, out var number))
        {
            return false;
        }

        foreach (var (name, c) in index)
        {
            if (Numbers.TryParse(name, out var other) && other == number)
            {
                found = c;
                return true;
            }
        }

        return false;
    }

    private static readonly HashSet<string> Truthy = new(StringComparer.OrdinalIgnoreCase) { "1", "true", "yes", "1.0" };
    private static readonly HashSet<string> Falsy = new(StringComparer.OrdinalIgnoreCase) { "0", "false", "no", "0.0" };

    /// <summary>Equal ignoring case, and 1, true and yes name one class as 0, false and no name the other.</summary>
    private static bool Same(string value, string name) =>
        string.Equals(value, name, StringComparison.OrdinalIgnoreCase)
        || (Truthy.Contains(value) && Truthy.Contains(name))
        || (Falsy.Contains(value) && Falsy.Contains(name));

    private static GatesInputException Unknown(CodeBook book, int code, string file, string column, string problem)
    {
        var at = book.FirstSeen(code);
        return new GatesInputException(ErrorCodes.UnknownClass, $"{at.Describe(file)}: {problem} (column '{column}')", at.Locate(file));
    }
}
