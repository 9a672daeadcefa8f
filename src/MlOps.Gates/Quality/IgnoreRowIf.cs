namespace MlOps.Gates.Quality;

/// <summary>Great Expectations' <c>ignore_row_if</c> for checks over several columns of a row.</summary>
public enum IgnoreRowIf
{
    AllValuesAreMissing,
    AnyValueIsMissing,
    Never,
}
