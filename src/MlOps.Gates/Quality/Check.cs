using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// One expectation on a dataset, fed row by row in the single pass the gate makes over the file.
/// A check instance runs once: it keeps the state of that pass.
/// </summary>
public abstract class Check(CheckSpec spec)
{
    public const int MaxPartialUnexpected = 20;

    public CheckSpec Spec { get; internal set; } = spec;

    /// <summary>What the check expects, in words, for reports.</summary>
    public abstract string Description { get; }

    /// <summary>Whether <see cref="Observe"/> needs to be called for each row.</summary>
    public virtual bool NeedsRows => true;

    /// <summary>Resolves column names against the dataset's header; false when a column is missing (the check then fails).</summary>
    public virtual bool Bind(TableReader table) => true;

    public abstract void Observe(RowView row);

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
