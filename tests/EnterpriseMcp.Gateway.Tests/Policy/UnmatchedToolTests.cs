using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Tests.Policy;

/// <summary>A tool no policy rule matches is hidden from everyone; the operator is told which, once per change.</summary>
public sealed class UnmatchedToolTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tool_no_rule_matches_is_logged_once_with_its_backend_and_again_only_when_the_catalog_brings_another()
    {
        await using var backend = await RecordingBackend.StartAsync();
        var settings = TestBackends.Settings(("rec", backend.McpUrl));
        settings["Mcp:Auth:Authority"] = "http://127.0.0.1:9/";
        settings["Mcp:Auth:Resource"] = "http://127.0.0.1:9/mcp";
        settings["Gateway:Policy:Rules:0:Name"] = "echo";
        settings["Gateway:Policy:Rules:0:Tools:0"] = "rec__echo";
        settings["Gateway:Policy:Rules:0:Scopes:0"] = "rec.use";
        var logs = new RecordedLogs();
        await using var gateway = await GatewayHost.StartAsync(settings, logs: logs);

        backend.Tools.Add(McpServerTool.Create(() => "a", new() { Name = "first_hidden" }));
        Assert.True(await Eventually.TrueAsync(() => Unmatched(logs, "rec__first_hidden") == 1, seconds: 20), "the first hidden tool was not reported");
        backend.Tools.Add(McpServerTool.Create(() => "b", new() { Name = "second_hidden" }));
        Assert.True(await Eventually.TrueAsync(() => Unmatched(logs, "rec__second_hidden") == 1, seconds: 20), "the second hidden tool was not reported");

        Assert.Equal(1, Unmatched(logs, "rec__first_hidden"));
        Assert.Equal(0, Unmatched(logs, "rec__echo"));
        Assert.Contains(logs.Warnings, message => message.Contains("'rec__first_hidden' of backend 'rec'", StringComparison.Ordinal));
    }

    private static int Unmatched(RecordedLogs logs, string tool) =>
        logs.Warnings.Count(message => message.Contains($"Tool '{tool}'", StringComparison.Ordinal) && message.Contains("matches no rule", StringComparison.Ordinal));
}
