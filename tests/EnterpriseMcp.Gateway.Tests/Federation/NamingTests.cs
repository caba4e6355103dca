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

    [Fact]
    public async Task Two_backends_exposing_the_same_name_keep_the_first_and_the_clash_is_reported()
    {
        await using var first = await RecordingBackend.StartAsync();
        await using var second = await RecordingBackend.StartAsync();
        var settings = TestBackends.Settings(("a", first.McpUrl), ("b", second.McpUrl));
        settings["Gateway:Backends:a:Prefix"] = "";
        settings["Gateway:Backends:b:Prefix"] = "";
        var logs = new RecordedLogs();
        await using var gateway = await GatewayHost.StartAsync(settings, logs: logs);
        var client = await gateway.ConnectAsync();

        Assert.Equal(["echo"], (await client.ListToolsAsync(cancellationToken: Token)).Select(tool => tool.Name));
        Assert.Contains(logs.Warnings, warning => warning.Contains("tool 'echo' of backend 'b' (kept: 'a')"));
    }
}
