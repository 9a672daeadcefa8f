using System.Globalization;

namespace MlOps.Gates.Results;

/// <summary>A place in a file: the config, a data file or a model. Line and column are 1-based; 0 means unknown.</summary>
public sealed record SourceLocation(string File, int Line = 0, int Column = 0)
{
    /// <summary>The MSBuild canonical form: <c>path(line,col)</c>, <c>path(line)</c> or <c>path</c>.</summary>
    public override string ToString() => Line <= 0
        ? File
        : Column <= 0
            ? string.Create(CultureInfo.InvariantCulture, $"{File}({Line})")
            : string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Column})");
}
