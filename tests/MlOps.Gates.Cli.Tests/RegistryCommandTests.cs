using System.Text.Json;
using MlOps.Gates.Tests;

namespace MlOps.Gates.Cli.Tests;

/// <summary>The registry through the command line: registration after passing gates, promotion policy, and the registry commands.</summary>
[Collection(CurrentDirectoryCollection.Name)]
public sealed class RegistryCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Exit, string Out, string Err) Run(params string[] args) => Cli.Run(args);

    private string Config(string data = "x\n1\n2\n")
    {
        _dir.Write("data.csv", data);
        _dir.Write("model.zip", "model bytes " + data.Length);
        return _dir.Write("mlops-gates.yml", $"""
            gates:
              - name: data
                dataset: {"{"}path: data.csv{"}"}
                checks:
                  - {"{"}expect: between, column: x, min: 0, max: 5{"}"}
            registry:
              path: registry
              model: churn
              promotion:
                staging:
                  require_gates: [data]
                production:
                  from: staging
                  require_gates: [{"{"}gate: data, dataset: data.csv{"}"}]
            """);
    }

    private string Model => Path.Combine(_dir.Path, "model.zip");

    private string Reports => Path.Combine(_dir.Path, "reports");

    [Fact]
    public void A_passing_run_registers_and_promotes_the_artifact_and_the_reports_say_so()
    {
        var config = Config();

        var (exit, output, _) = Run("run", "-c", config, "-r", Reports, "--no-progress", "--artifact", Model, "--promote-to", "staging", "--reason", "nightly");

        Assert.True(exit == 0, output);
        Assert.Contains("mlops-gates: registered churn version 1", output, StringComparison.Ordinal);
        Assert.Contains("mlops-gates: promoted churn version 1 to staging", output, StringComparison.Ordinal);
        Assert.Contains("### Registry", File.ReadAllText(Path.Combine(Reports, "report.md")), StringComparison.Ordinal);
        Assert.Contains("<section id=\"registry\">", File.ReadAllText(Path.Combine(Reports, "report.html")), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Reports, "report.json")));
        var actions = json.RootElement.GetProperty("registry").EnumerateArray().ToList();
        Assert.Equal(["register", "promote"], actions.Select(a => a.GetProperty("action").GetString()));
        Assert.All(actions, a => Assert.True(a.GetProperty("succeeded").GetBoolean()));

        var (_, shown, _) = Run("registry", "show", "churn@staging", "-c", config, "--json");
        using var record = JsonDocument.Parse(shown);
        Assert.Equal("data", record.RootElement.GetProperty("gates")[0].GetProperty("name").GetString());
        Assert.Equal("data.csv", record.RootElement.GetProperty("datasets")[0].GetProperty("path").GetString());
        Assert.Equal(64, record.RootElement.GetProperty("datasets")[0].GetProperty("sha256").GetString()!.Length);
    }

    [Fact]
    public void Registry_commands_read_the_gates_files_registry_section_where_the_gates_data_does_not_exist()
    {
        // A release job promotes what an earlier job gated: its checkout has no trained model and no fresh data.
        var config = Config();
        Assert.Equal(0, Run("run", "-c", config, "-r", Reports, "--no-progress", "--artifact", Model, "--promote-to", "staging").Exit);
        File.Delete(Path.Combine(_dir.Path, "data.csv"));

        var (exit, output, error) = Run("registry", "promote", "churn", "1", "--to", "production", "-c", config, "--reason", "approved");
        var (run, _, runError) = Run("run", "-c", config, "-r", Reports, "--no-progress");

        Assert.True(exit == 0, output + error);
        Assert.Contains("promoted churn version 1 to production", output, StringComparison.Ordinal);
        Assert.Equal(2, run);
        Assert.Contains("error MLG1006", runError, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_gates_register_nothing()
    {
        var config = Config("x\n1\n9\n");

        var (exit, output, _) = Run("run", "-c", config, "-r", Reports, "--no-progress", "--artifact", Model, "--promote-to", "staging");

        Assert.Equal(1, exit);
        Assert.Contains("error MLG6007: registry: churn was not registered: the gates failed", output, StringComparison.Ordinal);
        var (_, list, _) = Run("registry", "list", "-c", config);
        Assert.Contains("no models", list, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_only_from_staging_and_rollback_restores_the_previous_holder()
    {
        var config = Config();
        Run("run", "-c", config, "-r", Reports, "--no-progress", "--artifact", Model);

        var (refusedExit, refused, _) = Run("run", "-c", config, "-r", Reports, "--no-progress", "--artifact", Model, "--promote-to", "production");
        Run("registry", "promote", "churn", "1", "--to", "staging", "-c", config);
        var (promoted, _, _) = Run("registry", "promote", "churn", "1", "--to", "production", "-c", config, "--reason", "ship it");
        File.WriteAllText(Model, "a newer model");
        Run("run", "-c", config, "-r", Reports, "--no-progress", "--artifact", Model, "--promote-to", "staging");
        Run("registry", "promote", "churn", "2", "--to", "production", "-c", config);
        var (rolledBack, rollback, _) = Run("registry", "rollback", "churn", "production", "-c", config);
        var (_, audit, _) = Run("registry", "show", "churn", "--audit", "-c", config);

        Assert.Equal(1, refusedExit);
        Assert.Contains("already holds this artifact", refused, StringComparison.Ordinal);
        Assert.Contains("error MLG6003: registry: churn version 1 may not become production: production takes a version from staging", refused, StringComparison.Ordinal);
        Assert.Equal(0, promoted);
        Assert.Equal(0, rolledBack);
        Assert.Contains("rolled churn@production back to version 1", rollback, StringComparison.Ordinal);
        Assert.Contains("promote churn 1 @production by", audit, StringComparison.Ordinal);
        Assert.Contains(": ship it", audit, StringComparison.Ordinal);
        Assert.Contains("rollback churn 1 @production (was 2)", audit, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_download_tag_and_archive_work_and_bad_names_exit_2()
    {
        var config = Config();
        Run("run", "-c", config, "-r", Reports, "--no-progress", "--artifact", Model);
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "out")).FullName;

        var (downloaded, _, _) = Run("registry", "download", "churn:1", "-o", folder, "-c", config);
        var (tagged, _, _) = Run("registry", "tag", "churn", "1", "owner=ml-team", "-c", config);
        var (verified, verifyOutput, _) = Run("registry", "verify", "-c", config);
        var artifact = Directory.GetFiles(Path.Combine(_dir.Path, "registry", "artifacts")).Single();
        File.WriteAllText(artifact, "tampered");
        var (tampered, tamperedOutput, _) = Run("registry", "verify", "--registry", Path.Combine(_dir.Path, "registry"));
        var (archived, _, _) = Run("registry", "archive", "churn", "1", "-c", config);
        var (badName, _, badError) = Run("registry", "promote", "../x", "1", "--to", "staging", "-c", config);

        Assert.Equal(0, downloaded);
        Assert.Equal("model bytes 6", File.ReadAllText(Path.Combine(folder, "model.zip")));
        Assert.Equal(0, tagged);
        Assert.Equal(0, verified);
        Assert.Contains("every artifact intact", verifyOutput, StringComparison.Ordinal);
        Assert.Equal(1, tampered);
        Assert.Contains("error MLG6004: churn version 1: its artifact changed on disk", tamperedOutput, StringComparison.Ordinal);
        Assert.Equal(0, archived);
        Assert.Equal(2, badName);
        Assert.Contains("error MLG6001", badError, StringComparison.Ordinal);
    }

    [Fact]
    public void Provenance_and_mlflow_credentials_come_from_the_environment_the_cli_was_given()
    {
        using var server = new FakeMlflowServer();
        var artifact = _dir.Write("model.zip", "weights");
        var variables = new Dictionary<string, string?>
        {
            ["GITHUB_ACTOR"] = "release-bot",
            ["GITHUB_RUN_ID"] = "4242",
            ["GITHUB_REPOSITORY"] = "acme/churn",
            ["MLFLOW_TRACKING_TOKEN"] = "mlflow-token-from-the-app",
        };
        var output = new StringWriter();
        var app = new GatesApp(output, output) { Variables = name => variables.GetValueOrDefault(name) };

        var exit = app.Run(["registry", "register", "churn", "--artifact", artifact, "--mlflow", server.Uri]);

        Assert.True(exit == 0, output.ToString());
        Assert.All(server.Requests, r => Assert.Equal("Bearer mlflow-token-from-the-app", r.Authorization));
        var local = new GatesApp(output, output) { Variables = name => variables.GetValueOrDefault(name) };
        Assert.Equal(0, local.Run(["registry", "register", "churn", "--artifact", artifact, "--registry", Path.Combine(_dir.Path, "local")]));
        var record = File.ReadAllText(Directory.GetFiles(Path.Combine(_dir.Path, "local", "models", "churn", "versions")).Single());
        Assert.Contains("\"registeredBy\": \"release-bot\"", record, StringComparison.Ordinal);
        Assert.Contains("https://github.com/acme/churn/actions/runs/4242", record, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registry_commands_work_the_same_against_an_mlflow_server()
    {
        using var server = new FakeMlflowServer();
        var artifact = _dir.Write("model.zip", "weights");

        var (registered, registerOut, _) = Run("registry", "register", "churn", "--artifact", artifact, "--mlflow", server.Uri, "--tag", "team=ml");
        var (promoted, _, _) = Run("registry", "promote", "churn", "1", "--to", "Staging", "--mlflow", server.Uri, "--reason", "nightly");
        var (_, shown, _) = Run("registry", "show", "churn@staging", "--mlflow", server.Uri, "--json");
        var (_, audit, _) = Run("registry", "show", "churn", "--audit", "--mlflow", server.Uri);
        var (missing, _, missingError) = Run("registry", "show", "churn:7", "--mlflow", server.Uri);
        var downloadFolder = Directory.CreateDirectory(Path.Combine(_dir.Path, "from-mlflow")).FullName;
        var (downloaded, _, _) = Run("registry", "download", "churn@staging", "-o", downloadFolder, "--mlflow", server.Uri);
        var (verified, _, _) = Run("registry", "verify", "--mlflow", server.Uri);

        Assert.Equal(0, registered);
        Assert.Contains("registered churn version 1", registerOut, StringComparison.Ordinal);
        Assert.Equal(0, promoted);
        using var record = JsonDocument.Parse(shown);
        Assert.Equal("ml", record.RootElement.GetProperty("tags").GetProperty("team").GetString());
        Assert.Equal("staging", record.RootElement.GetProperty("aliases")[0].GetString());
        Assert.Contains("promote churn 1 @staging by", audit, StringComparison.Ordinal);
        Assert.Equal(2, missing);
        Assert.Contains("error MLG6002", missingError, StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.Path.StartsWith("/api/2.0/mlflow/registered-models/alias", StringComparison.Ordinal));
        Assert.Equal("weights"u8.ToArray(), server.Artifacts.Single(a => !a.Key.EndsWith("/MLmodel", StringComparison.Ordinal)).Value);
        Assert.Equal(0, downloaded);
        Assert.Equal("weights", File.ReadAllText(Path.Combine(downloadFolder, "model.zip")));
        Assert.Equal(0, verified);
    }

    [Fact]
    public void Register_records_a_reports_gate_results_params_and_metrics_and_refuses_a_report_whose_gates_failed()
    {
        var config = Config();
        Run("run", "-c", config, "-r", Reports, "--no-progress");
        var report = Path.Combine(Reports, "report.json");
        var registry = Path.Combine(_dir.Path, "standalone");

        var (registered, _, _) = Run("registry", "register", "churn", "--artifact", Model, "--report", report, "--param", "lr=0.1", "--metric", "auc=0.91", "--registry", registry, "--json");
        var (_, shown, _) = Run("registry", "show", "churn:1", "--registry", registry, "--json");
        Config("x\n1\n9\n");
        Run("run", "-c", config, "-r", Reports, "--no-progress");
        var (refused, _, error) = Run("registry", "register", "churn", "--artifact", Model, "--report", report, "--registry", registry);

        Assert.Equal(0, registered);
        using var record = JsonDocument.Parse(shown);
        Assert.Equal("passed", record.RootElement.GetProperty("gates")[0].GetProperty("status").GetString());
        Assert.Equal("data.csv", record.RootElement.GetProperty("gates")[0].GetProperty("datasets")[0].GetString());
        Assert.Equal("0.1", record.RootElement.GetProperty("params").GetProperty("lr").GetString());
        Assert.Equal(0.91, record.RootElement.GetProperty("metrics").GetProperty("auc").GetDouble());
        Assert.Equal(2, refused);
        Assert.Contains("error MLG6007", error, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(registry, "models", "churn", "versions"), "*.json"));
    }

    [Fact]
    public void A_version_records_what_it_was_built_with_and_diff_shows_what_changed()
    {
        var registry = Path.Combine(_dir.Path, "store");
        var first = _dir.Write("a/model.zip", "first");
        var second = _dir.Write("b/model.zip", "second");
        _dir.Write("packages.lock.json", "{\"version\": 1}");
        var current = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = _dir.Path;
            Assert.Equal(0, Run("registry", "register", "churn", "--artifact", first, "--registry", registry, "--param", "seed=42", "--param", "trees=100", "--metric", "accuracy=0.91").Exit);
            Assert.Equal(0, Run("registry", "register", "churn", "--artifact", second, "--registry", registry, "--param", "seed=7", "--param", "trees=100", "--metric", "accuracy=0.93").Exit);

            var show = Run("registry", "show", "churn:2", "--registry", registry, "--json");
            var diff = Run("registry", "diff", "churn", "1", "2", "--registry", registry);

            using var record = JsonDocument.Parse(show.Out);
            var environment = record.RootElement.GetProperty("environment");
            Assert.StartsWith(".NET", environment.GetProperty("dotnet").GetString(), StringComparison.Ordinal);
            Assert.Equal("5.0.1", environment.GetProperty("ml_net").GetString());
            Assert.Equal(MlOps.Gates.FileHash.Sha256(Path.Combine(_dir.Path, "packages.lock.json")).Hash, environment.GetProperty("packages_lock_sha256").GetString());
            Assert.Equal("7", environment.GetProperty("seed.seed").GetString());
            Assert.Equal(0, diff.Exit);
            Assert.Contains("params.seed: 42 -> 7", diff.Out, StringComparison.Ordinal);
            Assert.Contains("metrics.accuracy: 0.91 -> 0.93", diff.Out, StringComparison.Ordinal);
            Assert.Contains("environment.seed.seed: 42 -> 7", diff.Out, StringComparison.Ordinal);
            Assert.Contains("artifact.sha256:", diff.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("params.trees", diff.Out, StringComparison.Ordinal);
        }
        finally
        {
            Environment.CurrentDirectory = current;
        }
    }
}
