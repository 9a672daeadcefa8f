namespace MlOps.Gates.Quality;

/// <summary>
/// A check as the gates file declares it: its spec and its settings, read and validated once at load, and how to make
/// the evaluator that keeps one run's state. A loaded configuration can so run any number of times.
/// </summary>
public sealed record CheckDefinition(CheckSpec Spec, Func<CheckSpec, Check> Evaluator)
{
    /// <summary>A fresh evaluator for one pass over the data.</summary>
    public Check NewRun() => Evaluator(Spec);
}
