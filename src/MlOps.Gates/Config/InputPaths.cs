namespace MlOps.Gates.Config;

/// <summary>
/// Where a gates file may read from: inside its repository (the git work tree that holds it, else its own folder),
/// unless it says <c>allow_outside: true</c>. What a gate reads can land in a public pull-request comment, so a gates
/// file from a pull request must not be able to quote <c>../../etc/passwd</c>.
/// </summary>
internal sealed class InputPaths(string root, bool allowOutside)
{
    public string Root { get; } = root;

    public bool AllowOutside { get; } = allowOutside;

    public static InputPaths Unrestricted { get; } = new(string.Empty, allowOutside: true);

    /// <summary>The nearest folder above <paramref name="directory"/> that holds <c>.git</c>, or the folder itself.</summary>
    public static string RepositoryRoot(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var git = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return current.FullName;
            }
        }

        return directory;
    }

    /// <summary>Why a path may not be read, or null when it may: it and, for a link, what it points at stay inside.</summary>
    public string? Problem(string fullPath)
    {
        if (AllowOutside)
        {
            return null;
        }

        if (!IsInside(fullPath))
        {
            return $"it is outside the repository ({Root}); set allow_outside: true at the top of the gates file to read it";
        }

        try
        {
            var info = new FileInfo(fullPath);
            var target = info.Exists || Directory.Exists(fullPath) ? info.ResolveLinkTarget(returnFinalTarget: true) : null;
            if (target is not null && !IsInside(target.FullName))
            {
                return $"it links to {target.FullName}, outside the repository ({Root}); set allow_outside: true at the top of the gates file to read it";
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    private bool IsInside(string fullPath)
    {
        var relative = Path.GetRelativePath(Root, fullPath);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
