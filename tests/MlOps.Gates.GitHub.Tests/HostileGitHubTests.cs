using System.Net;
using MlOps.Gates.Cli;
using MlOps.Gates.Tests;

namespace MlOps.Gates.GitHub.Tests;

/// <summary>
/// GitHub mode against an API that misbehaves: it echoes the token back, answers broken JSON, fails, or never answers.
/// Publishing is best-effort: one notice, no token printed, and the gates' exit code stands.
/// </summary>
public sealed class HostileGitHubTests : IDisposable
{
    private const string Token = "ghs_EchoedT0kenValue1234567890abc";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <param name="timeout">Seconds a request may take: 1 for the test of a server that never answers; a loaded machine
    /// can take longer than that to answer a loopback request, so the others allow 15.</param>
    private Dictionary<string, string?> Environment(HostileHttpServer server, int timeout) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_STEP_SUMMARY"] = Path.Combine(_dir.Path, "summary.md"),
        ["GITHUB_OUTPUT"] = Path.Combine(_dir.Path, "outputs.txt"),
        ["GITHUB_EVENT_PATH"] = _dir.Write("event.json", """{"pull_request": {"number": 5, "head": {"sha": "abc123", "repo": {"full_name": "o/r"} } } }"""),
        ["GITHUB_REPOSITORY"] = "o/r",
        ["GITHUB_API_URL"] = server.ApiUrl,
        ["GITHUB_TOKEN"] = Token,
        ["MLOPS_GATES_GITHUB_TIMEOUT"] = timeout.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private (int Exit, string Out, string Err) Run(HostileHttpServer server, int bad, params string[] extra) => Run(server, bad, 15, extra);

    private (int Exit, string Out, string Err) Run(HostileHttpServer server, int bad, int timeout, params string[] extra)
    {
        _dir.Write("data.csv", "x\n" + string.Join('\n', Enumerable.Range(0, 10).Select(i => i < bad ? "9" : "1")) + "\n");
        var config = _dir.Write("mlops-gates.yml", "gates:\n  - name: g\n    dataset: {path: data.csv}\n    checks:\n      - {expect: between, column: x, min: 0, max: 5}\n");
        var variables = Environment(server, timeout);
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new GatesApp(output, error) { Variables = name => variables.GetValueOrDefault(name) };
        var exit = app.Run(["run", "--no-progress", "-c", config, "-r", Path.Combine(_dir.Path, "reports"), .. extra]);
        return (exit, output.ToString(), error.ToString());
    }

    private static Task Echo(HttpListenerContext context, int status) =>
        HostileHttpServer.Answer(context, status, $$"""{"message": "Bad credentials; you sent Authorization: {{context.Request.Headers["Authorization"]}} to {{context.Request.Url}}"}""");

    private void AssertNoToken(string output, string error)
    {
        Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, File.ReadAllText(Path.Combine(_dir.Path, "summary.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(422)]
    [InlineData(500)]
    public void A_server_that_echoes_the_token_in_its_error_never_gets_it_printed(int status)
    {
        using var server = new HostileHttpServer((context, _) => Echo(context, status));

        var (exit, output, error) = Run(server, bad: 0, "--check-run");

        Assert.Equal(0, exit);
        Assert.Contains("::notice::", output, StringComparison.Ordinal);
        if (status != 401)
        {
            Assert.Contains("Authorization: Token ***", output, StringComparison.Ordinal);
        }

        AssertNoToken(output, error);
    }

    [Fact]
    public void The_monitor_issue_scrubs_an_echoed_token_too()
    {
        using var server = new HostileHttpServer((context, _) => Echo(context, 500));
        _dir.Write("reference.csv", "x\n" + string.Join('\n', Enumerable.Range(0, 200).Select(i => (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "\n");
        _dir.Write("current.csv", "x\n" + string.Join('\n', Enumerable.Range(0, 200).Select(i => (50 + (i % 10)).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "\n");
        var config = _dir.Write("monitor.yml", "gates:\n  - name: d\n    type: drift\n    reference: reference.csv\n    current: reference.csv\n");
        var variables = Environment(server, timeout: 15);
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new GatesApp(output, error) { Variables = name => variables.GetValueOrDefault(name) };

        var exit = app.Run(["monitor", "-c", config, "--current", Path.Combine(_dir.Path, "current.csv"), "--issue-after", "1", "-r", Path.Combine(_dir.Path, "reports"), "--ci", "none"]);

        Assert.Equal(1, exit);
        Assert.Contains("could not open or update the drift issue", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_with_status_200_is_a_notice_and_a_failing_run_still_exits_1()
    {
        using var server = new HostileHttpServer((context, _) => HostileHttpServer.Answer(context, 200, "{\"id\": 12, \"body\": [unclosed"));

        var (exit, output, error) = Run(server, bad: 2, "--check-run");

        Assert.Equal(1, exit);
        Assert.Contains("::notice::mlops-gates could not comment on the pull request", output, StringComparison.Ordinal);
        Assert.DoesNotContain("MLG9001", output + error, StringComparison.Ordinal);
        AssertNoToken(output, error);
    }

    [Fact]
    public void A_server_that_never_answers_costs_the_bounded_timeout_and_the_run_passes()
    {
        using var server = new HostileHttpServer(async (_, _) => await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (exit, output, _) = Run(server, bad: 0, timeout: 1);

        Assert.Equal(0, exit);
        Assert.Contains("got no answer within 1 s (3 attempts)", output, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");

        // The client gives up on its third attempt as it starts; on a loaded machine the stand-in may only now take it.
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); server.Requests < 3 && waited.Elapsed < TimeSpan.FromSeconds(10);)
        {
            Thread.Sleep(50);
        }

        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public void A_503_with_retry_after_is_retried_and_then_succeeds()
    {
        using var server = new HostileHttpServer(async (context, number) =>
        {
            if (number == 1)
            {
                context.Response.Headers["Retry-After"] = "1";
                await HostileHttpServer.Answer(context, 503, "{\"message\": \"try later\"}");
            }
            else if (context.Request.HttpMethod == "GET")
            {
                await HostileHttpServer.Answer(context, 200, "[]");
            }
            else
            {
                await HostileHttpServer.Answer(context, 201, "{\"id\": 7, \"body\": \"ok\", \"html_url\": \"https://x/c/7\"}");
            }
        });

        var (exit, output, _) = Run(server, bad: 0);

        Assert.Equal(0, exit);
        Assert.DoesNotContain("::notice::", output, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests);
    }
}
