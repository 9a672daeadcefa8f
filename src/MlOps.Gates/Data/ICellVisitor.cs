namespace MlOps.Gates.Data;

/// <summary>Receives the cells of chosen columns from a fast scan, in file order; k is the position in the chosen list.</summary>
public interface ICellVisitor
{
    void Missing(int k);

    /// <summary>A non-missing cell, unquoted, valid only during the call, with its 1-based line and column in the file.</summary>
    void Visit(int k, ReadOnlySpan<char> text, int line, int column);
}
