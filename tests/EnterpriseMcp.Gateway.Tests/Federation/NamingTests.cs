using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.Federation;

public sealed class NamingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dot_separator_gives_dotted_names_and_is_reported_at_start_up_as_unportable()
    {
        await using var backend = await RecordingBackend.StartAsync();
        var settings = TestBackends.Settings(("jira", backend.McpUrl));
        settings["Gateway:Separator"] = ".";
        var logs = new RecordedLogs();
        await using var gateway = await GatewayHost.StartAsync(settings, logs: logs);
        var client = await gateway.ConnectAsync();

        Assert.Equal(["jira.echo"], (await client.ListToolsAsync(cancellationToken: Token)).Select(tool => tool.Name));
        Assert.Equal("routed", (await client.CallToolAsync("jira.echo", new Dictionary<string, object?> { ["text"] = "routed" }, cancellationToken: Token)).Text());
        Assert.Contains(logs.Warnings, warning => warning.Contains("Gateway:Backends:jira") && warning.Contains("^[a-zA-Z0-9_-]{1,64}$"));
        Assert.Contains(logs.Warnings, warning => warning.Contains("'jira.echo'"));
    }

    [Fact]
    public async Task An_empty_prefix_leaves_names_as_the_backend_gave_them()
    {
        await using var backend = await RecordingBackend.StartAsync();
        var settings = TestBackends.Settings(("rec", backend.McpUrl));
        settings["Gateway:Backends:rec:Prefix"] = "";
        var logs = new RecordedLogs();
        await using var gateway = await GatewayHost.StartAsync(settings, logs: logs);
        var client = await gateway.ConnectAsync("2025-11-25");

        Assert.Equal(["echo"], (await client.ListToolsAsync(cancellationToken: Token)).Select(tool => tool.Name));
        Assert.DoesNotContain(logs.Warnings, warning => warning.Contains("^[a-zA-Z0-9_-]"));
    }
}
