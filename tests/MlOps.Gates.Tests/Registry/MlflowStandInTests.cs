using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace MlOps.Gates.Tests;

/// <summary>
/// The MLflow stand-in behaves as a real MLflow server does, so the backend's tests against it mean something: each
/// test names the MLflow source (file and function, 2.x and 3.x agree) the behaviour comes from.
/// </summary>
public sealed class MlflowStandInTests : IDisposable
{
    private readonly FakeMlflowServer _server = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private (HttpStatusCode Status, JsonObject? Body, string Text, HttpResponseMessage Response) Send(HttpMethod method, string endpoint, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, $"{_server.Uri}/api/2.0/mlflow/{endpoint}");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = _http.Send(request);
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        JsonObject? body = null;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return (response.StatusCode, body, text, response);
    }

    private JsonObject Ok(HttpMethod method, string endpoint, string? json = null)
    {
        var (status, body, text, _) = Send(method, endpoint, json);
        Assert.True(status == HttpStatusCode.OK, $"{endpoint}: {status} {text}");
        return body!;
    }

    private void Refused(HttpStatusCode expected, string code, string containing, HttpMethod method, string endpoint, string? json = null)
    {
        var (status, body, text, _) = Send(method, endpoint, json);
        Assert.Equal(expected, status);
        Assert.Equal(code, body?["error_code"]?.GetValue<string>());
        Assert.Contains(containing, body?["message"]?.GetValue<string>() ?? text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_are_read_only_where_mlflow_reads_them()
    {
        // mlflow/server/handlers.py, _get_request_message: GET from the query string, POST from the JSON body.
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Missing value for required parameter 'name'", HttpMethod.Post, "registered-models/create?name=churn", "{}");
        Ok(HttpMethod.Post, "registered-models/create", """{"name":"churn"}""");
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Missing value for required parameter 'name'", HttpMethod.Get, "registered-models/get?other=1", """{"name":"churn"}""");
        Assert.Equal("churn", Ok(HttpMethod.Get, "registered-models/get?name=churn")["registered_model"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void A_post_that_does_not_say_it_is_json_is_refused()
    {
        // mlflow/server/validation.py, _validate_content_type (called by handlers.py, _get_request_json).
        var (status, body, _, _) = Send(HttpMethod.Post, "registered-models/create", """{"name":"churn"}""", "text/plain");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Content-Type must be one of ['application/json']", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, Send(HttpMethod.Post, "registered-models/create", """{"name":"churn"}""", "application/json; charset=utf-8").Status);
    }

    [Theory]
    [InlineData("v1", "Version alias name 'v1' is reserved.")]
    [InlineData("V12", "Version alias name 'V12' is reserved.")]
    [InlineData("Latest", "'latest' alias name (case insensitive) is reserved.")]
    [InlineData("prod.eu", "Names may only contain alphanumerics, underscores (_), and dashes (-).")]
    [InlineData("", "Missing value for required parameter 'alias'")]
    public void Aliases_are_checked_with_mlflows_rules(string alias, string message)
    {
        // mlflow/utils/validation.py, _validate_model_alias_name; handlers.py, _assert_required for the empty one.
        Register();
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", message, HttpMethod.Post, "registered-models/alias", new JsonObject { ["name"] = "churn", ["alias"] = alias, ["version"] = "1" }.ToJsonString());
    }

    [Fact]
    public void An_alias_of_255_characters_is_taken_and_one_of_256_refused()
    {
        // mlflow/utils/validation.py, MAX_REGISTERED_MODEL_ALIAS_LENGTH = 255.
        Register();
        Ok(HttpMethod.Post, "registered-models/alias", new JsonObject { ["name"] = "churn", ["alias"] = new string('a', 255), ["version"] = "1" }.ToJsonString());
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "exceeds the maximum length of 255", HttpMethod.Post, "registered-models/alias", new JsonObject { ["name"] = "churn", ["alias"] = new string('a', 256), ["version"] = "1" }.ToJsonString());
    }

    [Fact]
    public void An_alias_set_on_a_missing_version_is_resource_does_not_exist_404()
    {
        // mlflow/store/model_registry/sqlalchemy_store.py, set_registered_model_alias -> _get_sql_model_version.
        Register();
        Refused(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "Model Version (name=churn, version=7) not found", HttpMethod.Post, "registered-models/alias", """{"name":"churn","alias":"production","version":"7"}""");
        // ... and a missing alias read back is a bad parameter, 400 (get_model_version_by_alias).
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Registered model alias production not found.", HttpMethod.Get, "registered-models/alias?name=churn&alias=production");
    }

    [Theory]
    [InlineData("team#a")]
    [InlineData("../escape")]
    [InlineData("a//b")]
    [InlineData("trailing/")]
    [InlineData("/rooted")]
    public void Tag_keys_outside_mlflows_rules_are_refused(string key)
    {
        // mlflow/utils/validation.py, _validate_tag_name: validate_param_and_metric_name and path_not_unique.
        Register();
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "for parameter 'key' supplied", HttpMethod.Post, "model-versions/set-tag", new JsonObject { ["name"] = "churn", ["version"] = "1", ["key"] = key, ["value"] = "x" }.ToJsonString());
    }

    [Fact]
    public void Tag_keys_and_values_have_mlflows_length_limits()
    {
        // mlflow/utils/validation.py, MAX_MODEL_REGISTRY_TAG_KEY_LENGTH = 250, MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH = 5000.
        Register();
        string Tag(int keyLength, int valueLength) => new JsonObject { ["name"] = "churn", ["key"] = new string('k', keyLength), ["value"] = new string('v', valueLength) }.ToJsonString();
        Ok(HttpMethod.Post, "registered-models/set-tag", Tag(250, 5000));
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "'key' exceeds the maximum length of 250", HttpMethod.Post, "registered-models/set-tag", Tag(251, 1));
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "'value' exceeds the maximum length of 5000", HttpMethod.Post, "registered-models/set-tag", Tag(1, 5001));
    }

    [Fact]
    public void A_local_source_needs_a_run_whose_artifact_folder_holds_it()
    {
        // mlflow/server/handlers.py, _validate_source_run (2.x: _validate_source).
        Ok(HttpMethod.Post, "registered-models/create", """{"name":"churn"}""");
        const string message = "To use a local path as a model version source, the run_id request parameter has to be specified";
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", message, HttpMethod.Post, "model-versions/create", """{"name":"churn","source":"file:///shared/store/abc"}""");
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", message, HttpMethod.Post, "model-versions/create", """{"name":"churn","source":"/shared/store/abc"}""");

        var experiment = Ok(HttpMethod.Post, "experiments/create", """{"name":"local","artifact_location":"file:///shared/store"}""")["experiment_id"]!.GetValue<string>();
        var run = Ok(HttpMethod.Post, "runs/create", new JsonObject { ["experiment_id"] = experiment }.ToJsonString())["run"]!["info"]!;
        var artifacts = run["artifact_uri"]!.GetValue<string>();
        Assert.Equal($"file:///shared/store/{run["run_id"]}/artifacts", artifacts);
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", message, HttpMethod.Post, "model-versions/create", new JsonObject { ["name"] = "churn", ["source"] = "file:///shared/store/other/model", ["run_id"] = run["run_id"]!.GetValue<string>() }.ToJsonString());
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", message, HttpMethod.Post, "model-versions/create", new JsonObject { ["name"] = "churn", ["source"] = artifacts + "/../../x", ["run_id"] = run["run_id"]!.GetValue<string>() }.ToJsonString());
        Ok(HttpMethod.Post, "model-versions/create", new JsonObject { ["name"] = "churn", ["source"] = artifacts + "/model", ["run_id"] = run["run_id"]!.GetValue<string>() }.ToJsonString());
        // A remote source may not climb (_validate_non_local_source_contains_relative_paths).
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "without relative path references", HttpMethod.Post, "model-versions/create", """{"name":"churn","source":"s3://bucket/a/../../b"}""");
    }

    [Fact]
    public void Searches_refuse_max_results_over_mlflows_ceilings_and_page_with_base64_tokens()
    {
        // mlflow/store/model_registry/__init__.py, SEARCH_REGISTERED_MODEL_MAX_RESULTS_THRESHOLD = 1000 and
        // SEARCH_MODEL_VERSION_MAX_RESULTS_THRESHOLD = 200_000; mlflow/utils/search_utils.py, create_page_token.
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "It must be at most 1000, but got value 1001", HttpMethod.Get, "registered-models/search?max_results=1001");
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "It must be at most 200000", HttpMethod.Get, "model-versions/search?max_results=200001");
        foreach (var i in Enumerable.Range(0, 3))
        {
            Ok(HttpMethod.Post, "registered-models/create", new JsonObject { ["name"] = $"m{i}" }.ToJsonString());
        }

        var first = Ok(HttpMethod.Get, "registered-models/search?max_results=2");
        var token = first["next_page_token"]!.GetValue<string>();
        Assert.Equal("{\"offset\": 2}", Encoding.UTF8.GetString(Convert.FromBase64String(token)));
        var second = Ok(HttpMethod.Get, $"registered-models/search?max_results=2&page_token={Uri.EscapeDataString(token)}");
        Assert.Equal("m2", second["registered_models"]!.AsArray().Single()!["name"]!.GetValue<string>());
        Assert.Null(second["next_page_token"]);
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Invalid page token", HttpMethod.Get, "registered-models/search?page_token=2");
    }

    [Fact]
    public void Responses_have_mlflows_fields_and_leave_out_empty_ones_instead_of_null()
    {
        // mlflow/utils/proto_json_utils.py, message_to_json: proto3 JSON leaves unset fields out; int64 as numbers.
        var model = Ok(HttpMethod.Post, "registered-models/create", """{"name":"churn"}""")["registered_model"]!.AsObject();
        Assert.Equal(["name", "creation_timestamp", "last_updated_timestamp"], model.Select(p => p.Key));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, model["creation_timestamp"]!.GetValueKind());
        var version = Ok(HttpMethod.Post, "model-versions/create", """{"name":"churn","source":"s3://bucket/1/model"}""")["model_version"]!.AsObject();
        Assert.Equal(["name", "version", "creation_timestamp", "last_updated_timestamp", "current_stage", "source", "status"], version.Select(p => p.Key));
        Assert.Equal("None", version["current_stage"]!.GetValue<string>());
        Assert.Equal("1", version["version"]!.GetValue<string>());
        Assert.DoesNotContain("null", Ok(HttpMethod.Get, "model-versions/get?name=churn&version=1").ToJsonString(), StringComparison.Ordinal);

        // A version an alias points at lists it (model_registry.proto, ModelVersion.aliases).
        Ok(HttpMethod.Post, "registered-models/alias", """{"name":"churn","alias":"production","version":"1"}""");
        Assert.Equal("production", Ok(HttpMethod.Get, "model-versions/get?name=churn&version=1")["model_version"]!["aliases"]!.AsArray().Single()!.GetValue<string>());
        Assert.Equal("1", Ok(HttpMethod.Get, "registered-models/get?name=churn")["registered_model"]!["aliases"]!.AsArray().Single()!["version"]!.GetValue<string>());
    }

    [Fact]
    public void A_version_number_that_is_not_an_integer_is_a_bad_parameter()
    {
        // mlflow/utils/validation.py, _validate_model_version.
        Register();
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Parameter 'version' must be an integer, got 'one'.", HttpMethod.Get, "model-versions/get?name=churn&version=one");
        Refused(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "Model Version (name=churn, version=9) not found", HttpMethod.Get, "model-versions/get?name=churn&version=9");
    }

    [Fact]
    public void A_deleted_experiment_is_still_found_by_name_and_refuses_runs()
    {
        // mlflow/store/tracking/sqlalchemy_store.py, get_experiment_by_name (any lifecycle stage) and create_run.
        var id = Ok(HttpMethod.Post, "experiments/create", """{"name":"mlops-gates"}""")["experiment_id"]!.GetValue<string>();
        _server.DeleteExperiment("mlops-gates");
        Assert.Equal("deleted", Ok(HttpMethod.Get, "experiments/get-by-name?experiment_name=mlops-gates")["experiment"]!["lifecycle_stage"]!.GetValue<string>());
        Refused(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "must be in the 'active' state", HttpMethod.Post, "runs/create", new JsonObject { ["experiment_id"] = id }.ToJsonString());
        Refused(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", "already exists", HttpMethod.Post, "experiments/create", """{"name":"mlops-gates"}""");
    }

    [Fact]
    public async Task A_missing_proxied_artifact_is_a_500_html_page()
    {
        // mlflow/server/handlers.py, _download_artifact: the repository raises an error that is no MlflowException.
        var response = await _http.GetAsync($"{_server.Uri}/api/2.0/mlflow-artifacts/artifacts/1/run/artifacts/model/model.zip");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_server_that_does_not_serve_artifacts_answers_the_proxy_with_503()
    {
        // mlflow/server/handlers.py, _disable_unless_serve_artifacts.
        using var server = new FakeMlflowServer(servesArtifacts: false);
        var response = await _http.PutAsync($"{server.Uri}/api/2.0/mlflow-artifacts/artifacts/1/x", new ByteArrayContent([1]));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("--serve-artifacts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_auth_app_refuses_in_plain_text_401_with_a_challenge_and_403()
    {
        // mlflow/server/auth/__init__.py, make_basic_auth_response and make_forbidden_response.
        _server.BasicAuth = ("alice", "pw");
        _server.Forbidden = path => path.EndsWith("registered-models/create", StringComparison.Ordinal);
        var (status, body, text, response) = Send(HttpMethod.Get, "registered-models/search");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Null(body);
        Assert.StartsWith("You are not authenticated.", text, StringComparison.Ordinal);
        Assert.Equal("Basic realm=\"mlflow\"", response.Headers.WwwAuthenticate.ToString());

        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("alice:pw"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, Send(HttpMethod.Get, "registered-models/search").Status);
        var forbidden = Send(HttpMethod.Post, "registered-models/create", """{"name":"churn"}""");
        Assert.Equal((HttpStatusCode.Forbidden, "Permission denied"), (forbidden.Status, forbidden.Text));
    }

    private void Register()
    {
        Ok(HttpMethod.Post, "registered-models/create", """{"name":"churn"}""");
        Ok(HttpMethod.Post, "model-versions/create", """{"name":"churn","source":"s3://bucket/1/model"}""");
    }
}
