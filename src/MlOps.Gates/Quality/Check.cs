using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// One expectation on a dataset, fed batch by batch in the single pass the gate makes over the file.
/// An instance runs once and keeps the state of that pass; <see cref="CheckDefinition"/> makes one per run.
/// </summary>
public abstract class Check(CheckSpec spec)
{
    public const int MaxPartialUnexpected = 20;

    public CheckSpec Spec { get; } = spec;

    /// <summary>What the check expects, in words, for reports.</summary>
    public abstract string Description { get; }

    /// <summary>Whether <see cref="Observe"/> needs to be called for each batch of rows.</summary>
    public virtual bool NeedsRows => true;

    /// <summary>The columns, by index in the header, whose cells <see cref="Observe"/> reads; known after <see cref="Bind"/>.</summary>
    public virtual IReadOnlyList<int> ColumnsRead => [];

    /// <summary>Resolves column names against the dataset's header; false when a column is missing (the check then fails).</summary>
    public virtual bool Bind(TableReader table) => true;

    /// <summary>Takes in the next rows, in file order.</summary>
    public abstract void Observe(RowBatch batch);

    public abstract CheckResult Complete(DatasetSummary summary);

    protected CheckResult Result(bool success, string message) => new()
    {
        Id = Spec.Id,
        Kind = Spec.Kind,
        Code = Spec.Code,
        Description = Description,
        Columns = Spec.Columns,
        Severity = Spec.Severity,
        Success = success,
        Message = message,
        Mostly = Spec.Mostly,
        Parameters = Spec.Parameters,
        ConfigLocation = Spec.Location,
    };

    /// <summary>Shortens a data value for reports; the report escapes it.</summary>
    protected static string Clip(ReadOnlySpan<char> value) =>
        value.Length <= 200 ? value.ToString() : string.Concat(value[..200], "…");
}
