using MlOps.Gates.Registry;

namespace MlOps.Gates.Tests;

/// <summary>Without an artifact folder, the MLflow backend uploads each artifact to the server in a run, as <c>mlflow.register_model</c> does, and reads it back through the server.</summary>
public sealed class MlflowArtifactTests : IDisposable
{
    private static readonly ChangeInfo Change = new("ci-bot", "release", "abc123");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private VersionDraft Draft(string content) => new()
    {
        ArtifactPath = _dir.Write(Guid.NewGuid().ToString("N") + "/model.zip", content),
        Git = new GitInfo("abc123", "main", false),
    };

    [Fact]
    public void Register_uploads_the_artifact_in_a_finished_run_and_download_and_verify_read_it_back()
    {
        using var server = new FakeMlflowServer();
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri) { Token = null, Username = null });

        var first = registry.Register("churn", Draft("model one"), Change);
        var second = registry.Register("churn", Draft("model two"), Change);

        Assert.Equal(2, server.Runs.Count);
        Assert.All(server.Runs.Values, status => Assert.Equal("FINISHED", status));
        var run = server.Runs.Keys.Single(r => second.Source.Contains(r, StringComparison.Ordinal));
        Assert.Equal($"mlflow-artifacts:/1/{run}/artifacts/model", second.Source);
        Assert.Equal("model two"u8.ToArray(), server.Artifacts[$"1/{run}/artifacts/model/model.zip"]);
        Assert.Single(server.Requests, r => r.Path.EndsWith("experiments/create", StringComparison.Ordinal));
        Assert.Contains(server.Requests, r => r.Path.EndsWith("model-versions/create", StringComparison.Ordinal) && r.Body.Contains($"\"run_id\":\"{run}\"", StringComparison.Ordinal));
        Assert.Null(registry.Verify("churn", first.Version));
        Assert.Null(registry.Verify("churn", second.Version));
        var target = Path.Combine(_dir.Path, "downloaded.zip");
        registry.Download("churn", second.Version, target);
        Assert.Equal("model two", File.ReadAllText(target));
    }

    [Fact]
    public void An_artifact_changed_on_the_server_fails_verify_and_never_replaces_a_download()
    {
        using var server = new FakeMlflowServer();
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri) { Token = null, Username = null });
        var version = registry.Register("churn", Draft("original"), Change);
        server.Artifacts[server.Artifacts.Keys.Single(k => !k.EndsWith("/MLmodel", StringComparison.Ordinal))] = "tampered"u8.ToArray();
        var target = _dir.Write("kept.zip", "what was there");

        var problem = registry.Verify("churn", version.Version);
        var error = Assert.Throws<GatesInputException>(() => registry.Download("churn", version.Version, target));

        Assert.Contains("its artifact changed", problem, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.ArtifactChanged, error.Errors[0].Code);
        Assert.Equal("what was there", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void A_file_name_the_artifact_proxy_refuses_is_uploaded_under_a_safe_one_and_reads_back()
    {
        using var server = new FakeMlflowServer();
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri) { Token = null, Username = null });
        var draft = Draft("bytes") with { ArtifactPath = _dir.Write("sub/churn #2 (final).zip", "bytes") };

        var version = registry.Register("churn", draft, Change);
        var target = Path.Combine(_dir.Path, "out");
        Directory.CreateDirectory(target);
        registry.Download("churn", version.Version, target);

        Assert.EndsWith("/model/churn__2__final_.zip", server.Artifacts.Keys.Single(k => !k.EndsWith("/MLmodel", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("churn__2__final_.zip", version.ArtifactFileName);
        Assert.Equal("bytes", File.ReadAllText(Path.Combine(target, "churn__2__final_.zip")));
        Assert.Null(registry.Verify("churn", version.Version));
    }

    [Fact]
    public void An_artifact_gone_from_the_server_is_missing_not_a_registry_outage()
    {
        using var server = new FakeMlflowServer();
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri) { Token = null, Username = null });
        var version = registry.Register("churn", Draft("original"), Change);
        server.Artifacts.Clear();
        var target = _dir.Write("kept.zip", "what was there");

        var problem = registry.Verify("churn", version.Version);
        var error = Assert.Throws<GatesInputException>(() => registry.Download("churn", version.Version, target)).Errors.Single();

        Assert.Contains("is missing from the MLflow server's artifact store (HTTP 500)", problem, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.ArtifactChanged, error.Code);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        Assert.Equal("what was there", File.ReadAllText(target));
    }

    [Fact]
    public void A_server_that_does_not_serve_artifacts_is_a_clear_error_and_registers_nothing()
    {
        using var server = new FakeMlflowServer(servesArtifacts: false);
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri) { Token = null, Username = null });

        var error = Assert.Throws<GatesInputException>(() => registry.Register("churn", Draft("a"), Change));

        Assert.Equal(ErrorCodes.RegistryUnavailable, error.Errors[0].Code);
        Assert.Contains("--serve-artifacts", error.Message, StringComparison.Ordinal);
        Assert.Contains("artifact_store", error.Message, StringComparison.Ordinal);
        Assert.Equal("FAILED", server.Runs.Values.Single());
        Assert.DoesNotContain(server.Requests, r => r.Path.EndsWith("model-versions/create", StringComparison.Ordinal));
        Assert.Empty(server.Artifacts);
    }

    [Fact]
    public void The_gates_file_names_the_server_and_the_experiment_the_runs_go_to()
    {
        using var server = new FakeMlflowServer();
        var config = _dir.Write("mlops-gates.yml", $$"""
            registry:
              mlflow: {tracking_uri: '{{server.Uri}}', experiment: team-models}
            gates:
              - name: g
                dataset: {path: data.csv}
                checks: [{expect: row_count_between, min: 1}]
            """);
        _dir.Write("data.csv", "x\n1\n");

        using var registry = (MlflowRegistry)Config.GatesConfigLoader.Load(config).Registry!.Open();
        registry.Register("churn", Draft("a"), Change);

        Assert.Contains(server.Requests, r => r.Path.EndsWith("experiments/create", StringComparison.Ordinal) && r.Body.Contains("\"name\":\"team-models\"", StringComparison.Ordinal));
        Assert.Equal(["model.zip", "MLmodel"], server.Artifacts.Keys.Select(k => k.Split('/')[^1]));
    }
}
