using nietras.SeparatedValues;

namespace MlOps.Gates.Data;

/// <summary>The first line of a row as it is in the file.</summary>
internal static class SepLines
{
    /// <summary>
    /// Sep (0.17) numbers the first row of a file read without a header as starting on line 2; it starts on line 1.
    /// </summary>
    public static int From(SepReader.Row row, bool hasHeader) => !hasHeader && row.RowIndex == 0 ? 1 : row.LineNumberFrom;
}
