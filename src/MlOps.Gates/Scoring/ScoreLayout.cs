namespace MlOps.Gates.Scoring;

/// <summary>
/// The columns of a scored file: the kept data columns and, for a classifier, the predicted label as text; then the
/// numbers (a regression's prediction, probabilities, scores). <see cref="Single"/> marks numbers the model computed
/// as 32-bit floats, written with the digits a float needs rather than those of the double it widens to.
/// </summary>
internal sealed record ScoreLayout(IReadOnlyList<string> Texts, IReadOnlyList<string> Numbers, IReadOnlyList<bool> Single)
{
    public IReadOnlyList<string> Columns => [.. Texts, .. Numbers];
}
