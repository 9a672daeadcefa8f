namespace MlOps.Gates.Config;

/// <summary>Paths as people read them in findings and reports: relative to the run's base folder, with forward slashes.</summary>
public static class DisplayPaths
{
    public static string Relative(string baseDirectory, string fullPath)
    {
        var relative = Path.GetRelativePath(baseDirectory, fullPath);
        return relative.Replace('\\', '/');
    }
}
