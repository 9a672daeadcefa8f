using MlOps.Gates.Registry;

namespace MlOps.Gates.Tests;

/// <summary>
/// Where a registration's run keeps its artifacts, and what is left when a registration stops: an artifact store
/// folder for servers that do not serve artifacts, http(s) artifact roots, a deleted experiment, a refused version.
/// </summary>
public sealed class MlflowRunArtifactTests : IDisposable
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
    public void With_an_artifact_store_a_server_that_does_not_serve_artifacts_registers_through_a_run_in_the_store()
    {
        using var server = new FakeMlflowServer(servesArtifacts: false);
        var store = Path.Combine(_dir.Path, "shared store");
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri) { ArtifactStore = store });

        var version = registry.Register("churn", Draft("model bytes"), Change);

        var run = server.Runs.Keys.Single();
        Assert.Equal("FINISHED", server.Runs[run]);
        Assert.Equal(new Uri(store).AbsoluteUri, server.ExperimentLocation("mlops-gates"));
        Assert.Equal($"{new Uri(store).AbsoluteUri}/{run}/artifacts/model", version.Source);
        var folder = Path.Combine(store, run, "artifacts", "model");
        Assert.Equal("model bytes", File.ReadAllText(Path.Combine(folder, "model.zip")));
        Assert.Contains("mlops_gates:", File.ReadAllText(Path.Combine(folder, "MLmodel")), StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.Path.EndsWith("model-versions/create", StringComparison.Ordinal) && r.Body.Contains($"\"run_id\":\"{run}\"", StringComparison.Ordinal));
        Assert.Null(registry.Verify("churn", 1));
        var target = Path.Combine(_dir.Path, "out.zip");
        registry.Download("churn", 1, target);
        Assert.Equal("model bytes", File.ReadAllText(target));

        File.WriteAllText(Path.Combine(folder, "model.zip"), "changed");
        Assert.Contains("its artifact changed", registry.Verify("churn", 1), StringComparison.Ordinal);
    }

    [Fact]
    public void An_experiment_kept_outside_the_artifact_store_is_refused_with_what_to_do_and_nothing_is_left_behind()
    {
        using var server = new FakeMlflowServer(servesArtifacts: false);
        using (var first = new MlflowRegistry(new MlflowSettings(server.Uri) { ArtifactStore = Path.Combine(_dir.Path, "a") }))
        {
            first.Register("existing", Draft("a"), Change);
        }

        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri) { ArtifactStore = Path.Combine(_dir.Path, "b") });
        var error = Assert.Throws<GatesInputException>(() => registry.Register("churn", Draft("b"), Change)).Errors.Single();

        Assert.Equal(ErrorCodes.RegistryUnavailable, error.Code);
        Assert.Contains("registry.mlflow.experiment", error.Message, StringComparison.Ordinal);
        Assert.Contains("outside the artifact store", error.Message, StringComparison.Ordinal);
        Assert.Equal(["FINISHED", "FAILED"], server.Runs.Values.Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(["existing"], registry.Models());
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "b")) && Directory.EnumerateFiles(Path.Combine(_dir.Path, "b"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public void Without_an_artifact_store_the_error_for_a_server_that_does_not_serve_artifacts_names_both_ways_out()
    {
        using var server = new FakeMlflowServer(servesArtifacts: false);
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri));

        var error = Assert.Throws<GatesInputException>(() => registry.Register("churn", Draft("a"), Change)).Errors.Single();

        Assert.Contains("--serve-artifacts", error.Message, StringComparison.Ordinal);
        Assert.Contains("registry.mlflow.artifact_store", error.Message, StringComparison.Ordinal);
        Assert.Contains("registry.mlflow.experiment", error.Message, StringComparison.Ordinal);
        Assert.Empty(registry.Models());
        Assert.Equal("FAILED", server.Runs.Values.Single());
    }

    [Fact]
    public void A_deleted_experiment_is_reported_with_how_to_restore_it_and_the_model_stays_as_it_was()
    {
        using var server = new FakeMlflowServer();
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri));
        registry.Register("churn", Draft("a"), Change);
        server.DeleteExperiment("mlops-gates");

        var error = Assert.Throws<GatesInputException>(() => registry.Register("churn", Draft("b"), Change)).Errors.Single();

        Assert.Contains("was deleted", error.Message, StringComparison.Ordinal);
        Assert.Contains("mlflow experiments restore --experiment-id 1", error.Message, StringComparison.Ordinal);
        Assert.Single(registry.Versions("churn"));
        Assert.Single(server.Runs);
    }

    [Fact]
    public void Http_artifact_roots_on_the_tracking_server_go_through_its_proxy()
    {
        using var server = new FakeMlflowServer();
        server.DefaultArtifactRoot = server.Uri + "/api/2.0/mlflow-artifacts/artifacts/experiments";
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri));

        var version = registry.Register("churn", Draft("proxied"), Change);

        var run = server.Runs.Keys.Single();
        Assert.StartsWith(server.Uri + "/api/2.0/mlflow-artifacts/artifacts/experiments/1/", version.Source, StringComparison.Ordinal);
        Assert.Equal("proxied"u8.ToArray(), server.Artifacts[$"experiments/1/{run}/artifacts/model/model.zip"]);
        Assert.Null(registry.Verify("churn", 1));
        var target = Path.Combine(_dir.Path, "out.zip");
        registry.Download("churn", 1, target);
        Assert.Equal("proxied", File.ReadAllText(target));
    }

    [Fact]
    public void An_http_artifact_root_on_another_host_gets_no_credentials_and_a_clear_error()
    {
        using var server = new FakeMlflowServer { DefaultArtifactRoot = "https://artifacts.example.invalid/api/2.0/mlflow-artifacts/artifacts" };
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri) { Token = "tok-123" });

        var error = Assert.Throws<GatesInputException>(() => registry.Register("churn", Draft("a"), Change)).Errors.Single();

        Assert.Contains("artifacts.example.invalid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-123", error.Message, StringComparison.Ordinal);
        Assert.Equal("FAILED", server.Runs.Values.Single());
        Assert.Empty(registry.Models());
    }

    [Fact]
    public void A_version_the_server_refuses_leaves_a_failed_run_and_no_model_the_registration_made()
    {
        using var server = new FakeMlflowServer { SourceValidationRegex = "^s3://" };
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri));

        var error = Assert.Throws<GatesInputException>(() => registry.Register("churn", Draft("a"), Change)).Errors.Single();

        Assert.Equal(ErrorCodes.InvalidValue, error.Code);
        Assert.Contains("Invalid model version source", error.Message, StringComparison.Ordinal);
        Assert.Equal("FAILED", server.Runs.Values.Single());
        Assert.Empty(registry.Models());

        // A model that was there before the failed registration stays, with its versions.
        server.SourceValidationRegex = null;
        registry.Register("churn", Draft("b"), Change);
        server.SourceValidationRegex = "^s3://";
        Assert.Throws<GatesInputException>(() => registry.Register("churn", Draft("c"), Change));
        Assert.Single(registry.Versions("churn"));
    }

    [Fact]
    public void A_run_that_cannot_be_finished_after_its_version_exists_leaves_the_registration_standing()
    {
        using var server = new FakeMlflowServer { FailRunUpdates = true };
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri) { MaxRetries = 0 });

        var version = registry.Register("churn", Draft("a"), Change);

        Assert.Equal(1, version.Version);
        Assert.Equal("RUNNING", server.Runs.Values.Single());
        Assert.Null(registry.Verify("churn", 1));
    }
}
