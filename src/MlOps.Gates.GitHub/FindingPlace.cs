using MlOps.Gates.Results;

namespace MlOps.Gates.GitHub;

/// <summary>
/// Where a finding is, as CI systems want it: the file relative to the repository's checkout (GitHub's
/// GITHUB_WORKSPACE, Azure's BUILD_SOURCESDIRECTORY) with forward slashes, line and column (0 when unknown), whatever
/// the working directory and wherever the gates file sits. A file outside the checkout gets no place: the CI could not
/// attach it, and the summary still has the finding.
/// </summary>
public static class FindingPlace
{
    /// <param name="baseDirectory">The folder relative location paths start from (the gates file's).</param>
    /// <param name="workspace">The checkout's root; null takes <paramref name="baseDirectory"/>.</param>
    public static (string File, int Line, int Column)? Of(Finding finding, string baseDirectory, string? workspace = null)
    {
        if (finding.Location is not { } location || location.File.Length == 0)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(baseDirectory, location.File));
        var relative = Path.GetRelativePath(Path.GetFullPath(workspace ?? baseDirectory), full);
        if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return null;
        }

        return (relative.Replace('\\', '/'), location.Line, location.Column);
    }
}
