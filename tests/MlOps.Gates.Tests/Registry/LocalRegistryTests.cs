using System.Diagnostics;
using MlOps.Gates.Registry;
using MlOps.Gates.Results;

namespace MlOps.Gates.Tests;

/// <summary>The local registry: versions, aliases, audit log, integrity, names, and many processes at once.</summary>
public sealed class LocalRegistryTests : IDisposable
{
    private static readonly ChangeInfo Change = new("tester", "because", "abc123");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private LocalRegistry Registry() => new(Path.Combine(_dir.Path, "registry"));

    private string Artifact(string content, string name = "model.zip") => _dir.Write(Guid.NewGuid().ToString("N") + "/" + name, content);

    [Fact]
    public void A_version_records_its_artifact_provenance_datasets_and_gates_and_reads_back_the_same()
    {
        var registry = Registry();
        var draft = new VersionDraft
        {
            ArtifactPath = Artifact("weights"),
            Source = "models/model.zip",
            Git = new GitInfo("abc123", "main", Dirty: true),
            CiRunUrl = "https://github.com/o/r/actions/runs/1",
            Params = new Dictionary<string, string> { ["lr"] = "0.1" },
            Metrics = new Dictionary<string, double> { ["accuracy"] = 0.9 },
            Datasets = [new DatasetFingerprint("data/train.csv", new string('a', 64), 10, "d41d8cd98f00b204e9800998ecf8427e")],
            Gates = [new GateSummary("churn-model", "evaluate", GateStatus.Passed, ["data/recent.csv"])],
            Description = "first",
        };

        var first = registry.Register("churn", draft, Change);
        var second = registry.Register("churn", draft with { ArtifactPath = Artifact("other weights") }, Change);
        var read = registry.Get("churn", 1);

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal(first with { Aliases = [] }, read with { Aliases = [] }, new VersionComparer());
        Assert.Equal(64, read.ArtifactSha256.Length);
        Assert.Equal(7, read.ArtifactSize);
        Assert.True(read.Git!.Dirty);
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", read.Datasets[0].DvcMd5);
        Assert.Equal(["churn"], registry.Models());
        Assert.Null(registry.Verify("churn", 1));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("a\\b")]
    public void Names_that_could_escape_the_folder_are_refused(string name)
    {
        var error = Assert.Throws<GatesInputException>(() => Registry().Register(name, new VersionDraft { ArtifactPath = Artifact("x") }, Change));

        Assert.Equal(ErrorCodes.InvalidName, error.Errors[0].Code);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "x")));
    }

    [Fact]
    public void A_300_character_name_and_a_bad_alias_are_refused()
    {
        var registry = Registry();
        registry.Register("churn", new VersionDraft { ArtifactPath = Artifact("x") }, Change);

        Assert.Equal(ErrorCodes.InvalidName, Assert.Throws<GatesInputException>(() => registry.Register(new string('m', 300), new VersionDraft { ArtifactPath = Artifact("x") }, Change)).Errors[0].Code);
        Assert.Equal(ErrorCodes.InvalidName, Assert.Throws<GatesInputException>(() => registry.SetAlias("churn", "../prod", 1, Change)).Errors[0].Code);
    }

    [Fact]
    public void Aliases_remember_their_previous_holders_and_rollback_restores_them_in_order()
    {
        var registry = Registry();
        for (var i = 0; i < 3; i++)
        {
            registry.Register("churn", new VersionDraft { ArtifactPath = Artifact("v" + i) }, Change);
        }

        Assert.Null(registry.SetAlias("churn", "Production", 1, Change));
        Assert.Equal(1, registry.SetAlias("churn", "production", 2, Change));
        Assert.Equal(2, registry.SetAlias("churn", "production", 3, Change));

        Assert.Equal(3, registry.Resolve("churn", "production")!.Version);
        Assert.Equal(2, registry.Rollback("churn", "production", Change));
        Assert.Equal(1, registry.Rollback("churn", "Production", Change));
        Assert.Equal(ErrorCodes.NothingToRollBack, Assert.Throws<GatesInputException>(() => registry.Rollback("churn", "production", Change)).Errors[0].Code);
        Assert.Equal(["production"], registry.Get("churn", 1).Aliases);
        var audit = registry.Audit("churn");
        Assert.Equal(Enumerable.Range(1, audit.Count).Select(i => (long)i), audit.Select(a => a.Sequence));
        Assert.Equal(["register", "register", "register", "promote", "promote", "promote", "rollback", "rollback"], audit.Select(a => a.Action));
        Assert.Equal((3, 2), (audit[6].Previous!.Value, audit[6].Version!.Value));
        Assert.All(audit, a => Assert.Equal(("tester", "abc123"), (a.By, a.Commit)));
    }

    [Fact]
    public void An_artifact_changed_on_disk_is_caught_by_verify_and_by_promote()
    {
        var registry = Registry();
        var version = registry.Register("churn", new VersionDraft { ArtifactPath = Artifact("weights") }, Change);
        File.WriteAllText(Path.Combine(registry.Root, "artifacts", version.ArtifactSha256), "tampered");

        var problem = registry.Verify("churn", 1);
        var refused = Assert.Throws<GatesInputException>(() => new Promoter(registry, new Dictionary<string, PromotionPolicy>()).Promote("churn", 1, "production", Change));

        Assert.Contains("changed on disk", problem, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.PromotionRefused, refused.Errors[0].Code);
        Assert.Contains("changed on disk", refused.Message, StringComparison.Ordinal);
        Assert.Null(registry.Resolve("churn", "production"));
    }

    [Fact]
    public void Promotion_follows_the_policy_and_says_every_reason_it_refuses()
    {
        var time = new MovableTime(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var registry = new LocalRegistry(Path.Combine(_dir.Path, "registry"), time);
        GateSummary[] good = [new("data", "data_quality", GateStatus.Passed, ["data/train.csv"]), new("model", "evaluate", GateStatus.Warning, ["data/recent.csv"])];
        GateSummary[] bad = [new("data", "data_quality", GateStatus.Failed, ["data/train.csv"])];
        registry.Register("churn", new VersionDraft { ArtifactPath = Artifact("good"), Gates = good }, Change);
        registry.Register("churn", new VersionDraft { ArtifactPath = Artifact("bad"), Gates = bad }, Change);
        var policies = new Dictionary<string, PromotionPolicy>
        {
            ["staging"] = new() { Alias = "staging", RequireGates = [new("data"), new("model")] },
            ["production"] = new() { Alias = "production", From = "staging", RequireGates = [new("model", "data/recent.csv")], MaxAge = TimeSpan.FromDays(30) },
        };
        var promoter = new Promoter(registry, policies, time);

        var refused = promoter.Check("churn", 2, "staging");
        var notFromStaging = promoter.Check("churn", 1, "production");
        promoter.Promote("churn", 1, "staging", Change);
        time.Now += TimeSpan.FromDays(31);
        var tooOld = promoter.Check("churn", 1, "production");
        time.Now -= TimeSpan.FromDays(2);
        promoter.Promote("churn", 1, "production", Change);

        Assert.Equal(["the gate 'data' failed for version 2", "the gate 'model' has no result for version 2 (it was not run when the version was registered)"], refused);
        Assert.Contains(notFromStaging, r => r.Contains("takes a version from staging", StringComparison.Ordinal));
        Assert.Contains(tooOld, r => r.Contains("at most 30 days old", StringComparison.Ordinal));
        Assert.Equal(1, registry.Resolve("churn", "production")!.Version);
        var strict = new Promoter(registry, new Dictionary<string, PromotionPolicy> { ["staging"] = policies["staging"] with { AllowWarnings = false } }, time);
        Assert.Contains("the gate 'model' warning for version 1", strict.Check("churn", 1, "staging"));
        var wrongData = new Promoter(registry, new Dictionary<string, PromotionPolicy> { ["staging"] = new() { Alias = "staging", RequireGates = [new("model", "data/other.csv")] } }, time);
        Assert.Contains("did not run on data/other.csv", wrongData.Check("churn", 1, "staging")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Archived_versions_cannot_be_promoted_and_an_alias_holder_cannot_be_archived()
    {
        var registry = Registry();
        registry.Register("churn", new VersionDraft { ArtifactPath = Artifact("a") }, Change);
        registry.Register("churn", new VersionDraft { ArtifactPath = Artifact("b") }, Change);
        registry.SetAlias("churn", "production", 2, Change);

        registry.Archive("churn", 1, Change);
        registry.SetTag("churn", 1, "reason", "superseded", Change);

        Assert.True(registry.Get("churn", 1).Archived);
        Assert.Equal("superseded", registry.Get("churn", 1).Tags["reason"]);
        Assert.Contains("version 1 is archived", new Promoter(registry, new Dictionary<string, PromotionPolicy>()).Check("churn", 1, "staging"));
        Assert.Equal(ErrorCodes.PromotionRefused, Assert.Throws<GatesInputException>(() => registry.Archive("churn", 2, Change)).Errors[0].Code);
    }

    [Fact]
    public void Download_copies_the_artifact_under_its_name()
    {
        var registry = Registry();
        registry.Register("churn", new VersionDraft { ArtifactPath = Artifact("weights", "churn-model.zip") }, Change);
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "out")).FullName;

        registry.Download("churn", 1, folder);

        Assert.Equal("weights", File.ReadAllText(Path.Combine(folder, "churn-model.zip")));
    }

    [Fact]
    public void Eight_processes_registering_and_promoting_fifty_times_each_keep_the_registry_consistent()
    {
        var root = Path.Combine(_dir.Path, "registry");
        var workers = Enumerable.Range(0, 8).Select(w => Worker("stress", root, "churn", "50", w.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        foreach (var worker in workers)
        {
            Assert.True(worker.WaitForExit(300_000), "a worker did not finish");
            Assert.True(worker.ExitCode == 0, worker.StandardError.ReadToEnd());
        }

        var registry = new LocalRegistry(root);
        var versions = registry.Versions("churn");
        Assert.Equal(Enumerable.Range(1, 400), versions.Select(v => v.Version));
        Assert.Equal(400, versions.Select(v => v.ArtifactSha256).Distinct().Count());
        Assert.All(registry.Aliases("churn"), a => Assert.InRange(a.Value.Version, 1, 400));
        var audit = registry.Audit("churn");
        Assert.Equal(800, audit.Count);
        Assert.Equal(Enumerable.Range(1, 800).Select(i => (long)i), audit.Select(a => a.Sequence));
        Assert.Equal(audit.Select(a => a.At).Order(), audit.Select(a => a.At));
        foreach (var worker in versions.GroupBy(v => v.Tags["worker"]))
        {
            // Each worker's own versions and promotions appear in its own order.
            Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), worker.OrderBy(v => v.Version).Select(v => v.Tags["iteration"]));
            var mine = worker.Select(v => v.Version).ToHashSet();
            var promoted = audit.Where(a => a.Action == "promote" && mine.Contains(a.Version!.Value)).Select(a => a.Version!.Value).ToList();
            Assert.Equal(worker.Select(v => v.Version).Order(), promoted);
        }
    }

    [Fact]
    public void A_process_killed_during_register_leaves_no_half_written_version_and_the_next_register_succeeds()
    {
        var root = Path.Combine(_dir.Path, "registry");
        var registry = new LocalRegistry(root);
        registry.Register("churn", new VersionDraft { ArtifactPath = Artifact("before") }, Change);
        var big = Path.Combine(_dir.Path, "big.bin");
        using (var stream = File.Create(big))
        {
            var block = new byte[1 << 20];
            Random.Shared.NextBytes(block);
            for (var i = 0; i < 300; i++)
            {
                stream.Write(block);
            }
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var worker = Worker("slow", root, "churn", big);
            worker.StandardOutput.ReadLine();
            Thread.Sleep(50 + (attempt * 40));
            worker.Kill(entireProcessTree: true);
            worker.WaitForExit();
        }

        var versions = registry.Versions("churn");
        Assert.All(versions, v => Assert.Null(registry.Verify("churn", v.Version)));
        var next = registry.Register("churn", new VersionDraft { ArtifactPath = Artifact("after") }, Change);
        Assert.Equal(versions.Count + 1, next.Version);
        var registered = registry.Audit("churn").Where(a => a.Action == "register").Select(a => a.Version!.Value).ToList();
        Assert.Equal(Enumerable.Range(1, next.Version), registered);
        Assert.Equal(["models/churn"], Directory.EnumerateDirectories(Path.Combine(root, "models")).Select(d => "models/" + Path.GetFileName(d)));
    }

    [Fact]
    public void Registration_records_the_commit_a_dirty_tree_each_datasets_hash_and_dvc_md5_and_the_gate_results()
    {
        var repo = Directory.CreateDirectory(Path.Combine(_dir.Path, "repo")).FullName;
        void Git(params string[] args)
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        }

        File.WriteAllText(Path.Combine(repo, "data.csv"), "x\n1\n2\n");
        File.WriteAllText(Path.Combine(repo, "data.csv.dvc"), "outs:\n- md5: 0123456789abcdef0123456789abcdef\n  size: 8\n  path: data.csv\n");
        var config = Path.Combine(repo, "mlops-gates.yml");
        File.WriteAllText(config, "gates:\n  - name: data\n    dataset: {path: data.csv}\n    checks:\n      - {expect: not_null, column: x}\nregistry:\n  path: registry\n");
        Git("init", "-q");
        Git("-c", "user.email=t@example.com", "-c", "user.name=t", "add", "data.csv", "mlops-gates.yml");
        Git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "first");
        File.AppendAllText(config, "# edited\n");
        var loaded = Config.GatesConfigLoader.Load(config);
        var run = new Running.GateRunner().Run(loaded);

        var draft = RegistrationBuilder.FromRun(run, loaded, Artifact("weights"));

        Assert.Equal(40, draft.Git!.Commit.Length);
        Assert.True(draft.Git.Dirty);
        var data = Assert.Single(draft.Datasets);
        Assert.Equal(("data.csv", "0123456789abcdef0123456789abcdef", 6L), (data.Path, data.DvcMd5, data.Size));
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(repo, "data.csv")))).ToLowerInvariant(), data.Sha256);
        Assert.Equal(new GateSummary("data", "data_quality", GateStatus.Passed, ["data.csv"], 1, 0, 0), draft.Gates.Single() with { Datasets = draft.Gates.Single().Datasets }, new SummaryComparer());
    }

    private sealed class SummaryComparer : IEqualityComparer<GateSummary>
    {
        public bool Equals(GateSummary? x, GateSummary? y) => x is not null && y is not null && (x with { Datasets = [] }) == (y with { Datasets = [] }) && x.Datasets.SequenceEqual(y.Datasets);

        public int GetHashCode(GateSummary obj) => 0;
    }

    private static Process Worker(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "MlOps.Gates.RegistryWorker", "bin", Configuration(), "net10.0", "MlOps.Gates.RegistryWorker.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.GetFullPath(dll));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static string Configuration() => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private sealed class MovableTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class VersionComparer : IEqualityComparer<ModelVersion>
    {
        public bool Equals(ModelVersion? x, ModelVersion? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(ModelVersion obj) => 0;
    }
}
