using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol;

namespace EnterpriseMcp.Gateway.Tests.Relaying;

/// <summary>
/// A backend that refuses a call itself (its own scope check, 403 insufficient_scope) is named to the client for the tool
/// the gateway exposes, with the scope it wants; the gateway logs no exception for an ordinary refusal.
/// </summary>
public sealed class BackendRefusalTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_2025_client_is_told_which_exposed_tool_was_refused_and_which_scope_it_needs_and_nothing_is_logged_with_a_stack_trace()
    {
        await using var backend = await RecordingBackend.StartAsync();
        backend.RefusedTools["echo"] = "rec.admin";
        var logs = new RecordedLogs();
        await using var gateway = await GatewayHost.StartAsync(TestBackends.Settings(("rec", backend.McpUrl)), logs: logs);
        var client = await gateway.ConnectAsync("2025-11-25");

        var refused = await Assert.ThrowsAsync<McpProtocolException>(() =>
            client.CallToolAsync("rec__echo", new Dictionary<string, object?> { ["text"] = "hi" }, cancellationToken: Token).AsTask());
        backend.RefusedTools.Clear();
        var after = await client.CallToolAsync("rec__echo", new Dictionary<string, object?> { ["text"] = "hi" }, cancellationToken: Token);

        AssertNamesTheExposedTool(refused.Message);
        Assert.NotEqual(true, after.IsError);
        Assert.True(logs.Exceptions.IsEmpty, string.Join("\n----\n", logs.Exceptions));
    }

    [Fact]
    public async Task A_2026_client_gets_the_same_error_from_the_relayed_call()
    {
        await using var backend = await RecordingBackend.StartAsync();
        backend.RefusedTools["echo"] = "rec.admin";
        var logs = new RecordedLogs();
        await using var gateway = await GatewayHost.StartAsync(TestBackends.Settings(("rec", backend.McpUrl)), logs: logs);
        await (await gateway.ConnectAsync()).ListToolsAsync(cancellationToken: Token);
        using var http = new HttpClient();

        using var response = await http.SendAsync(RawMcp.CallTool(gateway.Endpoint, "rec__echo", new() { ["text"] = "hi" }, token: null), Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        var message = (string?)JsonNode.Parse(body[body.IndexOf('{')..(body.LastIndexOf('}') + 1)])?["error"]?["message"];

        Assert.NotNull(message);
        AssertNamesTheExposedTool(message);
        Assert.Empty(logs.Exceptions);
    }

    private static void AssertNamesTheExposedTool(string message)
    {
        Assert.Contains("backend 'rec' refused the tool 'rec__echo'", message);
        Assert.Contains("rec.admin", message);
        Assert.DoesNotContain("'echo'", message);
    }
}
