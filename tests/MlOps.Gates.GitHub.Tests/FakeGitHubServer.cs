using System.Text.Json.Nodes;
using MlOps.Gates.Tests;

namespace MlOps.Gates.GitHub.Tests;

/// <summary>
/// An HTTP server in the test standing in for the GitHub REST API (under /api/v3, as GitHub Enterprise serves it):
/// issue comments, check runs and issues. With <see cref="ReadOnly"/> every write is refused as a fork's token is.
/// </summary>
internal sealed class FakeGitHubServer : JsonTestServer
{
    private long _nextId = 100;

    public string ApiUrl => BaseUrl + "/api/v3";

    public bool ReadOnly { get; set; }

    public Dictionary<long, JsonObject> Comments { get; } = [];

    public Dictionary<long, JsonObject> CheckRuns { get; } = [];

    public Dictionary<int, JsonObject> Issues { get; } = [];

    protected override (int Status, JsonNode Body) Handle(string method, string path, System.Collections.Specialized.NameValueCollection query, JsonObject? body) =>
        Route(method, path, body);

    private (int, JsonNode) Route(string method, string path, JsonObject? body)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        // api v3 repos OWNER NAME ...
        if (parts.Length < 5 || parts[0] != "api" || parts[2] != "repos")
        {
            return (404, new JsonObject { ["message"] = "Not Found" });
        }

        if (ReadOnly && method != "GET")
        {
            return (403, new JsonObject { ["message"] = "Resource not accessible by integration" });
        }

        var rest = parts[5..];
        switch (method, rest)
        {
            case ("GET", ["issues", var number, "comments"]):
                return (200, new JsonArray(Comments.Values.Where(c => c["issue"]!.ToString() == number).Select(c => (JsonNode)c.DeepClone()).ToArray()));
            case ("POST", ["issues", var number, "comments"]):
                var id = ++_nextId;
                Comments[id] = new JsonObject { ["id"] = id, ["issue"] = number, ["body"] = body!["body"]!.GetValue<string>(), ["html_url"] = $"https://github.example/c/{id}", ["user"] = new JsonObject { ["login"] = "bot", ["id"] = 1 } };
                return (201, Comments[id].DeepClone());
            case ("PATCH", ["issues", "comments", var commentId]):
                var comment = Comments[long.Parse(commentId, System.Globalization.CultureInfo.InvariantCulture)];
                comment["body"] = body!["body"]!.GetValue<string>();
                return (200, comment.DeepClone());
            case ("POST", ["check-runs"]):
                var run = ++_nextId;
                CheckRuns[run] = new JsonObject { ["id"] = run, ["name"] = body!["name"]!.DeepClone(), ["head_sha"] = body["head_sha"]!.DeepClone(), ["conclusion"] = body["conclusion"]?.DeepClone(), ["status"] = "completed", ["batches"] = new JsonArray(Count(body)), ["paths"] = Paths(body) };
                return (201, CheckRuns[run].DeepClone());
            case ("PATCH", ["check-runs", var checkId]):
                var existing = CheckRuns[long.Parse(checkId, System.Globalization.CultureInfo.InvariantCulture)];
                existing["batches"]!.AsArray().Add(Count(body!));
                foreach (var annotated in Paths(body!))
                {
                    existing["paths"]!.AsArray().Add(annotated!.DeepClone());
                }
                return (200, existing.DeepClone());
            case ("GET", ["issues"]):
                return (200, new JsonArray(Issues.Values.Where(i => i["state"]!.GetValue<string>() == "open").Select(i => (JsonNode)i.DeepClone()).ToArray()));
            case ("POST", ["issues"]):
                var issue = Issues.Count + 1;
                Issues[issue] = new JsonObject { ["id"] = ++_nextId, ["number"] = issue, ["title"] = body!["title"]!.DeepClone(), ["body"] = body["body"]?.DeepClone(), ["state"] = "open", ["labels"] = new JsonArray((body["labels"]?.AsArray() ?? []).Select(l => (JsonNode)new JsonObject { ["name"] = l!.DeepClone() }).ToArray()) };
                return (201, Issues[issue].DeepClone());
            case ("PATCH", ["issues", var issueNumber]):
                var target = Issues[int.Parse(issueNumber, System.Globalization.CultureInfo.InvariantCulture)];
                if (body!["body"] is { } newBody)
                {
                    target["body"] = newBody.DeepClone();
                }

                return (200, target.DeepClone());
            default:
                return (404, new JsonObject { ["message"] = $"no route {method} {path}" });
        }
    }

    private static JsonArray Paths(JsonObject body) =>
        new((body["output"]?["annotations"]?.AsArray() ?? []).Select(a => (JsonNode)JsonValue.Create(a!["path"]!.GetValue<string>())).ToArray());

    private static int Count(JsonObject body) => body["output"]?["annotations"]?.AsArray().Count ?? 0;
}
