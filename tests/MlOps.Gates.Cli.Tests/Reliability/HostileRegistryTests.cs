using MlOps.Gates.Tests;

namespace MlOps.Gates.Cli.Tests.Reliability;

/// <summary>A registry folder that lies, is read-only, or holds a killed writer's leftovers.</summary>
public sealed class HostileRegistryTests : IDisposable
{
    private readonly TempDir _dir = new();

    public HostileRegistryTests()
    {
        Registry = Path.Combine(_dir.Path, "registry");
        Artifact = _dir.Write("model.zip", "the model's bytes");
    }

    public void Dispose() => _dir.Dispose();

    private string Registry { get; }

    private string Artifact { get; }

    private string VersionFile => Path.Combine(Registry, "models", "churn", "versions", "1.json");

    private (int Exit, string Out, string Err) Reg(params string[] args) => Cli.Run(["registry", .. args, "--registry", Registry]);

    private void RegisterOne()
    {
        Assert.Equal(0, Reg("register", "churn", "-a", Artifact).Exit);
    }

    [Fact]
    public void A_file_name_in_a_record_that_climbs_out_is_never_written()
    {
        RegisterOne();
        File.WriteAllText(VersionFile, File.ReadAllText(VersionFile).Replace("\"model.zip\"", "\"../../escaped.bin\"", StringComparison.Ordinal));
        var destination = Directory.CreateDirectory(Path.Combine(_dir.Path, "out", "deep")).FullName;

        var result = Reg("download", "churn:1", "-o", destination);

        Assert.Equal(2, result.Exit);
        Assert.Contains("error MLG6008: " + VersionFile, result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "escaped.bin")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir.Path, "out"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("null")]
    [InlineData("{\"name\": \"churn\", \"version\": 1, \"artifactSha256\": \"../../../etc/passwd\", \"artifactFileName\": \"m.zip\"}")]
    public void A_corrupt_version_record_names_its_file(string text)
    {
        RegisterOne();
        File.WriteAllText(VersionFile, text);

        var result = Reg("show", "churn");

        Assert.Equal(2, result.Exit);
        Assert.Contains("MLG6008", result.Err, StringComparison.Ordinal);
        Assert.Contains(VersionFile, result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("MLG9001", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_aliases_and_an_alias_on_a_missing_version_are_named()
    {
        RegisterOne();
        Assert.Equal(0, Reg("promote", "churn", "1", "--to", "staging").Exit);
        var aliases = Path.Combine(Registry, "models", "churn", "aliases.json");
        File.WriteAllText(aliases, File.ReadAllText(aliases).Replace("\"version\": 1", "\"version\": 9", StringComparison.Ordinal));

        var dangling = Reg("download", "churn@staging", "-o", Path.Combine(_dir.Path, "x.zip"));
        File.WriteAllText(aliases, "{\"staging\": ");
        var broken = Reg("show", "churn");

        Assert.Equal(2, dangling.Exit);
        Assert.Contains("MLG6008", dangling.Err, StringComparison.Ordinal);
        Assert.Contains("the alias 'staging' points at version 9, which is not in the registry", dangling.Err, StringComparison.Ordinal);
        Assert.Equal(2, broken.Exit);
        Assert.Contains(aliases + "(1,", broken.Err, StringComparison.Ordinal);
        Assert.Contains("MLG6008", broken.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_only_registry_says_so_at_once_for_every_write()
    {
        RegisterOne();
        using var readOnly = Mount.ReadOnly(path => CopyTree(Registry, path));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string[][] writes =
        [
            ["register", "churn", "-a", Artifact],
            ["promote", "churn", "1", "--to", "staging"],
            ["rollback", "churn", "staging"],
            ["tag", "churn", "1", "team=ml"],
            ["archive", "churn", "1"],
        ];

        foreach (var write in writes)
        {
            var result = Cli.Run(["registry", .. write, "--registry", readOnly.Path]);
            Assert.True(result.Exit == 2, $"{string.Join(' ', write)}: exit {result.Exit}: {result.Err}");
            Assert.Contains("MLG6009", result.Err, StringComparison.Ordinal);
            Assert.Contains("read-only", result.Err, StringComparison.Ordinal);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(0, Cli.Run("registry", "show", "churn", "--registry", readOnly.Path).Exit);
    }

    [Fact]
    public void A_full_disk_while_registering_is_a_clear_error_and_the_registry_stays_readable()
    {
        using var disk = Mount.Small(kilobytes: 256);
        var registry = Path.Combine(disk.Path, "registry");
        Assert.Equal(0, Cli.Run("registry", "register", "churn", "-a", Artifact, "--registry", registry).Exit);
        var big = _dir.WriteBytes("big.zip", new byte[1024 * 1024]);

        var result = Cli.Run("registry", "register", "churn", "-a", big, "--registry", registry);

        Assert.Equal(2, result.Exit);
        Assert.Contains("MLG6009", result.Err, StringComparison.Ordinal);
        Assert.Contains("the disk is full", result.Err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(registry, "artifacts"), "*.tmp"));
        Assert.Equal(0, Cli.Run("registry", "verify", "--registry", registry).Exit);
    }

    [Fact]
    public void The_next_writer_removes_a_killed_writers_stale_copies()
    {
        RegisterOne();
        var artifacts = Path.Combine(Registry, "artifacts");
        var stale = Path.Combine(artifacts, ".incoming.0123456789abcdef.tmp");
        var fresh = Path.Combine(artifacts, ".incoming.fedcba9876543210.tmp");
        File.WriteAllBytes(stale, new byte[1000]);
        File.WriteAllBytes(fresh, new byte[1000]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - TimeSpan.FromHours(2));

        Assert.Equal(0, Reg("register", "churn", "-a", _dir.Write("other.zip", "another model")).Exit);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh), "a copy still being written is left alone");
    }

    [Fact]
    public void Only_regular_files_are_registered()
    {
        var result = Reg("register", "churn", "-a", "/dev/zero");

        Assert.Equal(2, result.Exit);
        Assert.Contains("MLG3019", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Registry, "models", "churn", "versions")));
    }

    [Fact]
    public void A_report_that_is_not_json_is_its_own_error()
    {
        var report = _dir.Write("report.json", "{\"gates\": [");

        var result = Reg("register", "churn", "-a", Artifact, "--report", report);

        Assert.Equal(2, result.Exit);
        Assert.Contains("error MLG3020:", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Download_into_a_folder_that_does_not_exist_creates_it()
    {
        RegisterOne();
        var target = Path.Combine(_dir.Path, "new", "folder", "model.zip");

        var result = Reg("download", "churn:1", "-o", target);

        Assert.Equal(0, result.Exit);
        Assert.Equal("the model's bytes", File.ReadAllText(target));
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
