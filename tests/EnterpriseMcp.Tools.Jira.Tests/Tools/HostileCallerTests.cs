using System.Diagnostics;
using System.Net;
using EnterpriseMcp.Tools.Jira.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Jira.Tests.Tools;

/// <summary>A minute of one caller sending every input that once crashed or swamped the server, while another works normally.</summary>
public sealed class HostileCallerTests : IAsyncLifetime
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    private static readonly (string Tool, Dictionary<string, object?> Arguments)[] HostileCalls =
    [
        ("search_issues", new() { ["jql"] = HostileInputs.DeepNesting }),
        ("search_issues", new() { ["jql"] = HostileInputs.ManyOrs }),
        ("search_issues", new() { ["jql"] = HostileInputs.Megabyte }),
        ("search_issues", new() { ["jql"] = new string('(', 40) + "project = DEMO" + new string(')', 40) }),
        ("get_issue", new() { ["key"] = HostileInputs.HugeCommentIssue }),
    ];

    private ToolServerHost _server = null!;

    public async ValueTask InitializeAsync() => _server = await JiraTestServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Normal_calls_keep_succeeding_while_another_caller_sends_hostile_inputs_for_a_minute()
    {
        await HostileInputs.AddHugeCommentsAsync(_server);
        await using var mallory = await JiraTestServer.ConnectAsync(_server);
        var cancellation = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        var hostile = Task.Run(async () =>
        {
            var sent = 0;
            while (clock.Elapsed < Duration)
            {
                foreach (var (tool, arguments) in HostileCalls)
                {
                    var result = await mallory.CallToolAsync(tool, arguments, cancellationToken: cancellation);
                    Assert.True(tool == "get_issue" ? result.Text().Length < 256 * 1024 : result.IsError == true, result.Text()[..Math.Min(200, result.Text().Length)]);
                    sent++;
                }
            }

            return sent;
        }, cancellation);

        var normal = 0;
        var slowest = TimeSpan.Zero;
        while (clock.Elapsed < Duration)
        {
            var call = Stopwatch.StartNew();
            var found = (await _server.CallAsync("search_issues", new() { ["jql"] = "project = DEMO AND status = \"In Review\"" })).Structured();
            var issue = (await _server.CallAsync("get_issue", new() { ["key"] = "DEMO-1" })).Structured();
            slowest = call.Elapsed > slowest ? call.Elapsed : slowest;
            Assert.Equal(2, found.GetProperty("issues").GetArrayLength());
            Assert.Equal(2, issue.GetProperty("comments").GetArrayLength());
            normal++;
            await Task.Delay(100, cancellation);
        }

        var sent = await hostile;
        TestContext.Current.TestOutputHelper?.WriteLine($"{normal} normal call pairs (slowest {slowest.TotalMilliseconds:F0} ms) beside {sent} hostile calls");
        Assert.True(normal >= 20, $"only {normal} normal call pairs in a minute");
        Assert.True(sent >= 20, $"only {sent} hostile calls in a minute");
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/alive", UriKind.Relative), cancellation)).StatusCode);
    }
}
