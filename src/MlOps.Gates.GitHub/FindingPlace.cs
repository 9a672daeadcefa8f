using MlOps.Gates.Results;

namespace MlOps.Gates.GitHub;

/// <summary>Where a finding is, as CI systems want it: a repository-relative path with forward slashes, line and column (0 when unknown).</summary>
internal static class FindingPlace
{
    public static (string File, int Line, int Column)? Of(Finding finding, string baseDirectory)
    {
        if (finding.Location is not { } location)
        {
            return null;
        }

        var file = Path.IsPathRooted(location.File) ? Path.GetRelativePath(baseDirectory, location.File) : location.File;
        return (file.Replace('\\', '/'), location.Line, location.Column);
    }
}
