namespace MlOps.Gates.Scoring;

/// <summary>Writes scored rows to a stream, one row at a time, holding at most a bounded number of rows in memory.</summary>
internal abstract class ScoreWriter : IDisposable
{
    /// <summary>The value of each column of one row, in the order of the header; null is a missing value.</summary>
    public abstract void Row(ReadOnlySpan<string?> texts, ReadOnlySpan<double> numbers);

    /// <summary>Writes what is still buffered; the stream is complete after this.</summary>
    public abstract void Finish();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
