using System.Net;
using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace EnterpriseMcp.Gateway.Tests.Audit;

/// <summary>The gateway's audit of its calls, read back from its SQLite log: one record per call, whichever entry and outcome.</summary>
public sealed class CallAuditTests : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-audit-").FullName;

    private string LogPath => Path.Combine(_folder, "audit.db");

    [Fact]
    public async Task A_stateless_call_and_a_call_in_a_2025_session_each_leave_one_allowed_record_naming_the_tool_and_backend()
    {
        await using var jira = await TestBackends.StartJiraAsync();
        await using var gateway = await GatewayHost.StartAsync(Settings(jira.McpUrl()));
        using var http = new HttpClient();
        using var stateless = await http.SendAsync(RawMcp.CallTool(gateway.Endpoint, "jira__get_issue", new() { ["key"] = "DEMO-1", ["password"] = "hunter2" }, null), Token);
        var client = await gateway.ConnectAsync("2025-11-25");
        await client.CallToolAsync("jira__list_projects", cancellationToken: Token);

        var records = await RecordsAsync();

        Assert.Equal(HttpStatusCode.OK, stateless.StatusCode);
        Assert.Collection(records,
            first =>
            {
                Assert.Equal(("tools/call", "jira__get_issue", "jira", "get_issue"), (first.Method, first.Name, first.Backend, first.OriginalName));
                Assert.Equal(AuditOutcome.Allowed, first.Outcome);
                Assert.Equal("DEMO-1", (string?)first.Arguments!["key"]);
                Assert.Equal("[redacted]", (string?)first.Arguments!["password"]);
                Assert.Null(first.SessionHash);
                Assert.Equal("127.0.0.1", first.SourceAddress);
                Assert.True(first.ResultBytes > 0, "the size of the backend's answer");
            },
            second =>
            {
                Assert.Equal(("jira__list_projects", "list_projects", AuditOutcome.Allowed), (second.Name, second.OriginalName, second.Outcome));
                Assert.NotNull(second.SessionHash);
                Assert.True(second.DurationMilliseconds > 0);
            });
    }

    [Fact]
    public async Task A_call_of_a_tool_no_backend_offers_leaves_one_failed_record_on_either_generation()
    {
        await using var jira = await TestBackends.StartJiraAsync();
        await using var gateway = await GatewayHost.StartAsync(Settings(jira.McpUrl()));
        using var http = new HttpClient();
        using var stateless = await http.SendAsync(RawMcp.CallTool(gateway.Endpoint, "jira__no_such_tool", [], null), Token);
        var client = await gateway.ConnectAsync("2025-11-25");
        await Assert.ThrowsAnyAsync<Exception>(async () => await client.CallToolAsync("jira__no_such_tool_either", cancellationToken: Token));

        var records = await RecordsAsync();

        Assert.Equal(["jira__no_such_tool", "jira__no_such_tool_either"], records.Select(record => record.Name));
        Assert.All(records, record =>
        {
            Assert.Equal((AuditOutcome.Failed, "-32602", null, null), (record.Outcome, record.ErrorType, record.Backend, record.OriginalName));
            Assert.Null(record.ResultBytes);
        });
    }

    [Fact]
    public async Task Each_record_also_leaves_as_a_log_record_and_as_an_event_on_the_requests_span()
    {
        var events = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.ActivityEvent>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                foreach (var recorded in activity.Events.Where(recorded => recorded.Name == "mcp.audit"))
                {
                    events.Enqueue(recorded);
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var jira = await TestBackends.StartJiraAsync();
        var logs = new RecordedLogs();
        await using var gateway = await GatewayHost.StartAsync(Settings(jira.McpUrl()), logs: logs);
        using var http = new HttpClient();

        using var answer = await http.SendAsync(RawMcp.CallTool(gateway.Endpoint, "jira__audit_events_probe", [], null), Token);

        Assert.Contains(logs.Messages, message => message.StartsWith("Audit Failed: tools/call 'jira__audit_events_probe'", StringComparison.Ordinal));
        bool Ours(System.Diagnostics.ActivityEvent recorded) =>
            recorded.Tags.Any(tag => tag is { Key: "mcp.audit.name", Value: "jira__audit_events_probe" });
        Assert.True(await Eventually.TrueAsync(() => events.Any(Ours)), "the span's audit event");
        var tags = events.First(Ours).Tags.ToDictionary(tag => tag.Key, tag => tag.Value);
        Assert.Equal(("Failed", true, "-32602"), (tags["mcp.audit.outcome"], tags["mcp.audit.kept"], tags["error.type"]));
    }

    [Fact]
    public async Task A_limited_call_leaves_one_limited_record_naming_the_limit()
    {
        await using var jira = await TestBackends.StartJiraAsync();
        var settings = Settings(jira.McpUrl());
        settings["Gateway:RateLimits:Rules:0:Name"] = "one-a-minute";
        settings["Gateway:RateLimits:Rules:0:PermitsPerMinute"] = "1";
        await using var gateway = await GatewayHost.StartAsync(settings);
        using var http = new HttpClient();

        using var admitted = await http.SendAsync(RawMcp.CallTool(gateway.Endpoint, "jira__list_projects", [], null), Token);
        using var limited = await http.SendAsync(RawMcp.CallTool(gateway.Endpoint, "jira__list_projects", [], null), Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var records = await RecordsAsync();
        Assert.Equal([AuditOutcome.Allowed, AuditOutcome.Limited], records.Select(record => record.Outcome));
        Assert.Equal(("one-a-minute", "429"), (records[1].Rule, records[1].ErrorType));
    }

    [Fact]
    public async Task A_call_to_a_backend_that_died_leaves_one_failed_record()
    {
        await using var jira = await TestBackends.StartJiraProcessAsync();
        await using var gateway = await GatewayHost.StartAsync(Settings(jira.McpUrl));
        jira.Kill();
        using var http = new HttpClient();

        using var failed = await http.SendAsync(RawMcp.CallTool(gateway.Endpoint, "jira__list_projects", [], null), Token);

        var record = Assert.Single(await RecordsAsync());
        Assert.Equal(AuditOutcome.Failed, record.Outcome);
        Assert.Equal("-32603", record.ErrorType);
    }

    [Fact]
    public async Task While_the_log_cannot_be_written_calls_are_refused_with_503_before_reaching_the_backend_and_afterwards_nothing_is_missing()
    {
        await using var jira = await TestBackends.StartJiraAsync();
        await using var gateway = await GatewayHost.StartAsync(Settings(jira.McpUrl()));
        using var http = new HttpClient();
        using (var before = await http.SendAsync(RawMcp.CallTool(gateway.Endpoint, "jira__list_projects", [], null), Token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var blocker = new SqliteConnection($"Data Source={LogPath};Pooling=False"))
        {
            await blocker.OpenAsync(Token);
            await using var exclusive = blocker.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            await exclusive.ExecuteNonQueryAsync(Token);

            // The first call learns that the store is down: made, but its answer withheld.
            using var withheld = await http.SendAsync(RawMcp.CallTool(gateway.Endpoint, "jira__list_projects", [], null), Token);
            Assert.Contains("could not record it in its audit log", await withheld.Content.ReadAsStringAsync(Token));

            // The next is not made at all.
            using var refused = await http.SendAsync(RawMcp.CallTool(gateway.Endpoint, "jira__create_issue",
                new() { ["project"] = "DEMO", ["summary"] = "made while the audit was down" }, null), Token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            Assert.Contains("cannot record calls in its audit log", await refused.Content.ReadAsStringAsync(Token));
        }

        // The store is back: a call made once Retry-After has passed goes through, with no restart.
        await Task.Delay(TimeSpan.FromSeconds(1.1), Token);
        using var after = await http.SendAsync(RawMcp.CallTool(gateway.Endpoint, "jira__search_issues",
            new() { ["jql"] = "summary ~ \"made while the audit was down\"" }, null), Token);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("\"issues\":[]", (await after.Content.ReadAsStringAsync(Token)).Replace(" ", "", StringComparison.Ordinal));
        var records = await RecordsAsync();
        Assert.Equal(["jira__list_projects", "jira__search_issues"], records.Select(record => record.Name));
    }

    private Dictionary<string, string?> Settings(string jiraUrl)
    {
        var settings = TestBackends.Settings(("jira", jiraUrl));
        settings["Gateway:Audit:Path"] = LogPath;
        return settings;
    }

    private async Task<List<AuditRecord>> RecordsAsync()
    {
        await using var store = new SqliteAuditStore(LogPath);
        await store.OpenAsync(Token);
        Assert.True((await AuditVerifier.VerifyAsync(store, Token)).Intact);
        var records = new List<AuditRecord>();
        await foreach (var stored in store.ReadAsync(1, Token))
        {
            records.Add(AuditChain.RecordOf(stored.Body)!);
        }

        return records;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
