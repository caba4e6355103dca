using System.Diagnostics;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Tests.Resilience;

/// <summary>A backend process killed mid-test and started again, behind a gateway that keeps running.</summary>
public sealed class BackendOutageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_killed_backend_fails_fast_leaves_the_lists_and_returns_after_a_restart_while_the_other_keeps_working()
    {
        await using var jira = await TestBackends.StartJiraProcessAsync();
        await using var db = await TestBackends.StartDbAsync();
        var settings = TestBackends.Settings(("jira", jira.McpUrl), ("db", db.McpUrl()));
        settings["Gateway:Backends:jira:FailureThreshold"] = "2";
        settings["Gateway:Backends:jira:BreakDuration"] = "00:00:00.500";
        await using var gateway = await GatewayHost.StartAsync(settings);
        var client = await gateway.ConnectAsync("2025-11-25");
        var listChanges = 0;
        await using var _ = client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            Interlocked.Increment(ref listChanges);
            return ValueTask.CompletedTask;
        });
        Assert.Contains("DEMO", (await client.CallToolAsync("jira__list_projects", cancellationToken: Token)).Text());

        jira.Kill();
        var failures = new List<string>();
        for (var attempt = 0; attempt < 10 && !failures.LastOrDefault("").Contains("circuit is open"); attempt++)
        {
            failures.Add((await Assert.ThrowsAsync<McpProtocolException>(() =>
                client.CallToolAsync("jira__list_projects", cancellationToken: Token).AsTask())).Message);
        }

        var failedFast = Stopwatch.StartNew();
        var open = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("jira__list_projects", cancellationToken: Token).AsTask());
        failedFast.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine($"A call to the open circuit failed in {failedFast.Elapsed.TotalMilliseconds:0.0} ms.");

        Assert.Contains("Backend 'jira' is unavailable", failures[0]);
        Assert.Contains("Backend 'jira' is unavailable: its circuit is open", open.Message);
        var listedWhileDown = (await client.ListToolsAsync(cancellationToken: Token)).Select(tool => tool.Name).ToList();
        Assert.DoesNotContain(listedWhileDown, name => name.StartsWith("jira__", StringComparison.Ordinal));
        Assert.Contains("db__list_tables", listedWhileDown);
        Assert.True((await client.CallToolAsync("db__list_tables", cancellationToken: Token)).IsError != true);
        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref listChanges) >= 1), "no tools/list_changed when the backend went down");

        var changesBeforeRestart = Volatile.Read(ref listChanges);
        await jira.StartAsync();

        Assert.True(await Eventually.TrueAsync(() => ListsJira(client), seconds: 30), "the restarted backend's tools never came back");
        Assert.Contains("DEMO", (await client.CallToolAsync("jira__list_projects", cancellationToken: Token)).Text());
        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref listChanges) > changesBeforeRestart), "no tools/list_changed when the backend came back");
    }

    private static async Task<bool> ListsJira(McpClient client) =>
        (await client.ListToolsAsync(cancellationToken: Token)).Any(tool => tool.Name == "jira__list_projects");
}
