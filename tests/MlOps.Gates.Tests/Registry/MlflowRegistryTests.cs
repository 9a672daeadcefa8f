using MlOps.Gates.Registry;
using MlOps.Gates.Results;

namespace MlOps.Gates.Tests;

/// <summary>The MLflow backend against an HTTP server in the test that speaks MLflow's REST API and its error codes.</summary>
public sealed class MlflowRegistryTests : IDisposable
{
    private const string Token = "s3cr3t-token-value";
    private static readonly ChangeInfo Change = new("ci-bot", "release", "abc123");
    private readonly FakeMlflowServer _server = new();
    private readonly TempDir _dir = new();
    private readonly MlflowRegistry _registry;

    public MlflowRegistryTests()
    {
        _registry = new MlflowRegistry(new MlflowSettings(_server.Uri) { Token = Token, ArtifactStore = Path.Combine(_dir.Path, "store") });
    }

    public void Dispose()
    {
        _registry.Dispose();
        _server.Dispose();
        _dir.Dispose();
    }

    private VersionDraft Draft(string content, IReadOnlyList<GateSummary>? gates = null) => new()
    {
        ArtifactPath = _dir.Write(Guid.NewGuid().ToString("N") + "/model.zip", content),
        Git = new GitInfo("abc123", "main", false),
        Metrics = new Dictionary<string, double> { ["accuracy"] = 0.91 },
        Gates = gates ?? [new GateSummary("churn-model", "evaluate", GateStatus.Passed, ["data/recent.csv"])],
        Description = "candidate",
    };

    [Fact]
    public void Register_creates_the_model_once_and_numbered_versions_whose_records_round_trip_through_tags()
    {
        var first = _registry.Register("churn", Draft("a"), Change);
        var second = _registry.Register("churn", Draft("b") with { Environment = ReproducibilityRecord.Capture(_dir.Path) }, Change);
        var read = _registry.Get("churn", 2);

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal(second.ArtifactSha256, read.ArtifactSha256);
        Assert.Equal("abc123", read.Git!.Commit);
        Assert.Equal(0.91, read.Metrics["accuracy"]);
        Assert.Equal("churn-model", read.Gates.Single().Name);
        Assert.Equal("candidate", read.Description);
        Assert.Equal(ReproducibilityRecord.Capture(_dir.Path), read.Environment);
        Assert.Null(_registry.Verify("churn", 2));
        var creates = _server.Requests.Where(r => r.Path.EndsWith("registered-models/create", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, creates.Count);
        Assert.Contains(_server.Requests, r => r.Path == "/api/2.0/mlflow/model-versions/create" && r.Body.Contains("\"key\":\"mlops_gates.sha256\"", StringComparison.Ordinal));
        Assert.All(_server.Requests, r => Assert.Equal("Bearer " + Token, r.Authorization));
    }

    [Fact]
    public void Transient_answers_are_retried_as_mlflows_client_retries_them_and_the_registration_completes()
    {
        using var registry = new MlflowRegistry(new MlflowSettings(_server.Uri) { Token = Token, ArtifactStore = Path.Combine(_dir.Path, "store"), BackoffFactor = 0.01 });
        _server.FailNext(2, 503);
        _server.FailNext(1, 429, retryAfter: "0");
        _server.FailNext(1, 502);

        var version = registry.Register("churn", Draft("a"), Change);

        Assert.Equal(1, version.Version);
        Assert.Equal(4, _server.Requests.Count(r => r.Body == "(failed on purpose)"));
        var first = _server.Requests.First(r => r.Body != "(failed on purpose)");
        Assert.All(_server.Requests.TakeWhile(r => r.Body == "(failed on purpose)"), r => Assert.Equal(first.Path, r.Path));
        Assert.Equal("churn", registry.Get("churn", 1).Name);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(408)]
    public void A_server_that_stays_busy_is_unavailable_after_the_last_retry(int status)
    {
        using var registry = new MlflowRegistry(new MlflowSettings(_server.Uri) { Token = Token, MaxRetries = 3, BackoffFactor = 0.01 });
        _server.FailNext(10, status);

        var error = Assert.Throws<GatesInputException>(() => registry.Models());

        Assert.Equal(ErrorCodes.RegistryUnavailable, error.Errors[0].Code);
        Assert.Equal(4, _server.Requests.Count);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_past_its_deadline_is_retried_and_an_upload_is_not_cut_by_it()
    {
        using var server = new FakeMlflowServer();
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri) { Token = Token, Timeout = TimeSpan.FromSeconds(1), MaxRetries = 0 });

        // The artifact proxy takes longer than an API call may: the upload still completes.
        server.Delay = (method, path) => method == "PUT" ? TimeSpan.FromSeconds(2.5) : TimeSpan.Zero;
        var version = registry.Register("churn", Draft("slow upload"), Change);
        Assert.Equal(1, version.Version);
        Assert.Equal(2, server.Artifacts.Count);

        // An API call that takes longer than the deadline is given up on, and with no retries left it is an error.
        server.Delay = (method, path) => path.EndsWith("registered-models/search", StringComparison.Ordinal) ? TimeSpan.FromSeconds(2.5) : TimeSpan.Zero;
        var error = Assert.Throws<GatesInputException>(() => registry.Models());
        Assert.Contains("no answer within 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Card_facts_longer_than_a_tag_are_stored_over_several_tags_and_read_back_whole()
    {
        var slices = Enumerable.Range(0, 120).Select(i => new Cards.CardSlice($"region=<r{i}> | \"quoted\"", 40 + i, "passed", new Dictionary<string, double> { ["accuracy"] = 0.5 + (i / 1000.0), ["f1"] = 0.25 })).ToList();
        var facts = new Cards.CardFacts
        {
            Card = new Cards.ModelCardSection { Overview = "Predicts churn", Owners = ["Churn team <churn@example.com>"], Limitations = [new string('x', 3000), "small slices are noisy"] },
            Evaluations = [new Cards.CardEvaluation { Gate = "churn-model", Task = "binary", Rows = 300, Baseline = "production.zip", Confidence = 0.95, Metrics = [new Cards.CardMetric("accuracy", 0.7, 0.69, -0.03, 0.05, 0.4, "passed")], Slices = slices }],
        };

        _registry.Register("churn", Draft("a") with { Card = facts }, Change);
        var read = _registry.Get("churn", 1).Card;

        var json = System.Text.Json.JsonSerializer.Serialize(facts);
        Assert.True(json.Length > 10_000, "the facts should need several tags");
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(read));
        var create = _server.Requests.Single(r => r.Path.EndsWith("model-versions/create", StringComparison.Ordinal)).Body;
        Assert.Contains("\"key\":\"mlops_gates.card.2\"", create, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user", "pass", "tok", "Basic dXNlcjpwYXNz")]
    [InlineData("user", null, "tok", "Bearer tok")]
    [InlineData(null, "pass", "tok", "Bearer tok")]
    [InlineData("user", "", null, null)]
    [InlineData(null, null, null, null)]
    public void Authentication_is_chosen_as_mlflows_client_chooses_it(string? user, string? password, string? token, string? expected)
    {
        using var registry = new MlflowRegistry(new MlflowSettings(_server.Uri) { Username = user, Password = password, Token = token, ArtifactStore = Path.Combine(_dir.Path, "store") });

        _ = registry.Models();

        Assert.All(_server.Requests, r => Assert.Equal(expected, r.Authorization));
    }

    [Theory]
    [InlineData("prod.v2", "only letters, digits")]
    [InlineData("latest", "'latest'")]
    [InlineData("LATEST", "'latest'")]
    [InlineData("v3", "v1, v2")]
    [InlineData("V12", "v1, v2")]
    public void Aliases_mlflow_refuses_are_refused_before_anything_is_written(string alias, string why)
    {
        _registry.Register("churn", Draft("a"), Change);
        var before = _server.Requests.Count;

        var error = Assert.Throws<GatesInputException>(() => _registry.SetAlias("churn", alias, 1, Change)).Errors.Single();

        Assert.Equal(ErrorCodes.InvalidName, error.Code);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, _server.Requests.Count);
        Assert.Equal(1, _registry.SetAlias("churn", "version-2_ok", 1, Change) is null ? 1 : 0);
    }

    [Fact]
    public async Task An_audit_entry_longer_than_a_tag_is_kept_whole_and_an_old_cut_one_does_not_break_the_trail()
    {
        _registry.Register("churn", Draft("a"), Change);
        var reason = string.Concat(Enumerable.Repeat("a long reason with \"quotes\" and ünïcödé; ", 300));
        using (var http = new HttpClient())
        {
            // What an earlier version wrote: an entry cut at the tag limit, which is no JSON.
            var cut = new System.Text.Json.Nodes.JsonObject { ["name"] = "churn", ["key"] = "mlops_gates.audit.00000002", ["value"] = "{\"sequence\":2,\"action\":\"promote\",\"reason\":\"abc…" };
            (await http.PostAsync(_server.Uri.TrimEnd('/') + "/api/2.0/mlflow/registered-models/set-tag", new StringContent(cut.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }

        _registry.SetAlias("churn", "staging", 1, Change with { Reason = reason });
        _registry.SetAlias("churn", "production", 1, Change);
        var trail = _registry.Audit("churn");

        Assert.Equal(["register", "unreadable", "promote", "promote"], trail.Select(e => e.Action));
        Assert.Equal(reason, trail[2].Reason);
        Assert.Equal([1L, 2L, 3L, 4L], trail.Select(e => e.Sequence));
        Assert.True(reason.Length > MlflowRegistry.TagLimit);
    }

    [Theory]
    [InlineData("team/owner", true)]
    [InlineData("data: 2026-12 v1.2", true)]
    [InlineData("a/../b", false)]
    [InlineData("/abs", false)]
    [InlineData("a//b", false)]
    [InlineData("bad#key", false)]
    [InlineData("", false)]
    public void Tag_keys_are_checked_with_mlflows_rules_before_anything_is_created(string key, bool valid)
    {
        var draft = Draft("a") with { Tags = new Dictionary<string, string> { [key] = "x" } };
        var longKey = new string('k', 251);

        if (valid)
        {
            Assert.Equal("x", _registry.Get("churn", _registry.Register("churn", draft, Change).Version).Tags[key]);
            return;
        }

        var error = Assert.Throws<GatesInputException>(() => _registry.Register("churn", draft, Change)).Errors.Single();
        Assert.Equal(ErrorCodes.InvalidName, error.Code);
        Assert.Empty(_server.Requests);
        Assert.Throws<GatesInputException>(() => _registry.Register("churn", Draft("b") with { Tags = new Dictionary<string, string> { [longKey] = "x" } }, Change));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void Aliases_promotion_policy_and_rollback_work_the_same_over_mlflow()
    {
        _registry.Register("churn", Draft("a"), Change);
        _registry.Register("churn", Draft("b", [new GateSummary("churn-model", "evaluate", GateStatus.Failed, ["data/recent.csv"])]), Change);
        _registry.Register("churn", Draft("c"), Change);
        var policies = new Dictionary<string, PromotionPolicy>
        {
            ["staging"] = new() { Alias = "staging", RequireGates = [new("churn-model")] },
            ["production"] = new() { Alias = "production", From = "staging", RequireGates = [new("churn-model", "data/recent.csv")] },
        };
        var promoter = new Promoter(_registry, policies);

        promoter.Promote("churn", 1, "staging", Change);
        promoter.Promote("churn", 1, "Production", Change);
        var refused = Assert.Throws<GatesInputException>(() => promoter.Promote("churn", 2, "staging", Change));
        var notStaging = promoter.Check("churn", 3, "production");
        promoter.Promote("churn", 3, "staging", Change);
        promoter.Promote("churn", 3, "production", Change);

        Assert.Equal(ErrorCodes.PromotionRefused, refused.Errors[0].Code);
        Assert.Contains("the gate 'churn-model' failed for version 2", refused.Message, StringComparison.Ordinal);
        Assert.Contains(notStaging, r => r.Contains("takes a version from staging", StringComparison.Ordinal));
        Assert.Equal(3, _registry.Resolve("churn", "production")!.Version);
        Assert.Equal(1, _registry.Rollback("churn", "production", Change));
        Assert.Equal(1, _registry.Resolve("churn", "production")!.Version);
        Assert.Equal(["production"], _registry.Get("churn", 1).Aliases);
        Assert.Contains(_server.Requests, r => r.Path == "/api/2.0/mlflow/registered-models/alias" && r.Method == "POST" && r.Body.Contains("\"alias\":\"production\"", StringComparison.Ordinal));
        var audit = _registry.Audit("churn");
        Assert.Equal(Enumerable.Range(1, audit.Count).Select(i => (long)i), audit.Select(a => a.Sequence));
        Assert.Equal("rollback", audit[^1].Action);
    }

    [Fact]
    public void Each_error_code_becomes_a_clear_error_and_no_message_shows_the_token()
    {
        _registry.Register("churn", Draft("a"), Change);

        var missingVersion = Assert.Throws<GatesInputException>(() => _registry.Get("churn", 9));
        var missingModel = Assert.Throws<GatesInputException>(() => _registry.Get("nobody", 1));
        var invalid = Assert.Throws<GatesInputException>(() => _registry.SetTag("churn", 1, new string('k', 300), "v", Change));

        Assert.Equal(ErrorCodes.NotInRegistry, missingVersion.Errors[0].Code);
        Assert.Contains("RESOURCE_DOES_NOT_EXIST", missingVersion.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.NotInRegistry, missingModel.Errors[0].Code);
        // A key MLflow would refuse (INVALID_PARAMETER_VALUE) is refused here first, before any request.
        Assert.Equal(ErrorCodes.InvalidName, invalid.Errors[0].Code);
        Assert.Contains("at most 250 characters", invalid.Message, StringComparison.Ordinal);
        Assert.Null(_registry.Resolve("churn", "nowhere"));
        foreach (var error in new[] { missingVersion, missingModel, invalid })
        {
            Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_long_tag_value_is_cut_to_the_limit_rather_than_refused()
    {
        _registry.Register("churn", Draft("a"), Change);

        _registry.SetTag("churn", 1, "note", new string('x', 6000), Change);

        Assert.Equal(MlflowRegistry.TagLimit, _registry.Get("churn", 1).Tags["note"].Length);
    }

    [Fact]
    public void An_unreachable_server_is_a_clear_error()
    {
        using var nowhere = new MlflowRegistry(new MlflowSettings("http://127.0.0.1:9") { Token = Token, MaxRetries = 2, BackoffFactor = 0.01 });

        var error = Assert.Throws<GatesInputException>(() => nowhere.Models());

        Assert.Equal(ErrorCodes.RegistryUnavailable, error.Errors[0].Code);
        Assert.Contains("(3 attempts)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Searches_follow_the_page_token_and_gate_results_stay_within_the_tag_limit()
    {
        var manyGates = Enumerable.Range(0, 300).Select(i => new GateSummary($"gate-{i:D3}", "data_quality", GateStatus.Passed, [$"data/file-{i}.csv"])).ToList();
        for (var i = 0; i < 105; i++)
        {
            _registry.Register("churn", Draft("v" + i, i == 0 ? manyGates : null), Change);
        }

        var versions = _registry.Versions("churn");

        Assert.Equal(Enumerable.Range(1, 105), versions.Select(v => v.Version));
        Assert.Contains(_server.Requests, r => r.Path.Contains("page_token=" + Uri.EscapeDataString(MlflowRules.PageToken(100)), StringComparison.Ordinal));
        var first = versions[0];
        Assert.InRange(first.Gates.Count, 1, 299);
        Assert.Equal("gate-000", first.Gates[0].Name);
    }

    [Fact]
    public void The_auth_apps_plain_text_refusals_are_a_clear_credentials_error_without_the_password()
    {
        _server.BasicAuth = ("alice", "right-pw");
        using var wrong = new MlflowRegistry(new MlflowSettings(_server.Uri) { Username = "alice", Password = "wrong-pw" });
        using var right = new MlflowRegistry(new MlflowSettings(_server.Uri) { Username = "alice", Password = "right-pw" });

        var unauthenticated = Assert.Throws<GatesInputException>(() => wrong.Models()).Errors.Single();
        Assert.Empty(right.Models());
        _server.Forbidden = path => path.EndsWith("registered-models/create", StringComparison.Ordinal);
        var forbidden = Assert.Throws<GatesInputException>(() => right.Register("churn", Draft("a"), Change)).Errors.Single();

        Assert.Equal((ErrorCodes.RegistryUnavailable, ErrorCodes.RegistryUnavailable), (unauthenticated.Code, forbidden.Code));
        Assert.Contains("refused the credentials (HTTP_401)", unauthenticated.Message, StringComparison.Ordinal);
        Assert.Contains("refused the credentials (HTTP_403)", forbidden.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", unauthenticated.Message + forbidden.Message, StringComparison.Ordinal);
    }
}
