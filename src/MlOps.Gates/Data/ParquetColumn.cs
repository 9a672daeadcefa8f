namespace MlOps.Gates.Data;

/// <summary>One column of the loaded row group: numbers or text, with nulls.</summary>
internal sealed class ParquetColumn
{
    public double[]? Numbers { get; private init; }

    public string?[]? Texts { get; private init; }

    public bool[] Nulls { get; private init; } = [];

    public bool Integral { get; private init; }

    public bool IsString { get; private init; }

    public static ParquetColumn FromNumbers(double[] numbers, bool[] nulls, bool integral) =>
        new() { Numbers = numbers, Nulls = nulls, Integral = integral };

    public static ParquetColumn FromText(string?[] texts, bool isString) =>
        new() { Texts = texts, Nulls = texts.Select(t => t is null).ToArray(), IsString = isString };
}
