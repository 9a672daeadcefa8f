namespace MlOps.Gates.Cards;

/// <summary>
/// The <c>card:</c> section of a gates file: what a model card says that no run can measure, in the fields of Google's
/// Model Card Toolkit (model details and considerations). Every field is text or a list of texts.
/// </summary>
public sealed record ModelCardSection
{
    public string? Overview { get; init; }

    /// <summary>People or teams answerable for the model, such as "Churn team &lt;churn@example.com&gt;".</summary>
    public IReadOnlyList<string> Owners { get; init; } = [];

    public string? License { get; init; }

    public IReadOnlyList<string> References { get; init; } = [];

    public IReadOnlyList<string> IntendedUse { get; init; } = [];

    public IReadOnlyList<string> Users { get; init; } = [];

    public IReadOnlyList<string> OutOfScope { get; init; } = [];

    public IReadOnlyList<string> Limitations { get; init; } = [];

    public IReadOnlyList<string> Tradeoffs { get; init; } = [];

    public IReadOnlyList<string> EthicalConsiderations { get; init; } = [];
}
