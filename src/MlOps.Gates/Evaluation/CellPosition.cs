using MlOps.Gates.Results;

namespace MlOps.Gates.Evaluation;

/// <summary>Where a cell is: its data row (1-based, header excluded) and, in text files, its line and column (0 elsewhere).</summary>
internal readonly record struct CellPosition(long Row, int Line, int Column)
{
    public SourceLocation Locate(string file) => new(file, Line, Column);

    /// <summary>"data.csv(12,3)" in text files, "data.parquet row 11" elsewhere.</summary>
    public string Describe(string file) => Line > 0 ? Locate(file).ToString() : FormattableString.Invariant($"{file} row {Row}");
}
