namespace MlOps.Gates.Quality;

/// <summary>The types a <c>type</c> check can require of a column's values.</summary>
public enum ColumnType
{
    Integer,
    Float,
    Boolean,
    String,
    DateTime,
}
