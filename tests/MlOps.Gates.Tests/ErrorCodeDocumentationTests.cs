using System.Reflection;
using System.Text.RegularExpressions;

namespace MlOps.Gates.Tests;

/// <summary>Every code the engine can report has a row in the README's table of error codes, and every row a code.</summary>
public sealed partial class ErrorCodeDocumentationTests
{
    [Fact]
    public void The_readme_documents_every_code_and_no_other()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var documented = TableRow().Matches(readme).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var used = new[] { typeof(ErrorCodes), typeof(Running.DriftRunner) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(c => c.StartsWith("MLG", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(used.Where(c => !documented.Contains(c)).Order());
        var msbuildOnly = new[] { "MLG0003", "MLG0004", "MLG0006", "MLG0007", "MLG0008", "MLG0010" };
        Assert.Empty(documented.Where(c => !used.Contains(c) && !msbuildOnly.Contains(c)).Order());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MlOps.Gates.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (MlOps.Gates.sln) is not above the test binaries");
    }

    [GeneratedRegex(@"^\| (MLG\d{4}) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
