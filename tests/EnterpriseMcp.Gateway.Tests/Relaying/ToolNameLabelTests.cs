using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol;

namespace EnterpriseMcp.Gateway.Tests.Relaying;

/// <summary>A caller cannot grow /metrics: only tools that exist become <c>gen_ai_tool_name</c> label values.</summary>
public sealed class ToolNameLabelTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Made_up_tool_names_do_not_become_metric_series()
    {
        await using var backend = await RecordingBackend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(TestBackends.Settings(("rec", backend.McpUrl)));
        var client = await gateway.ConnectAsync();
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var madeUp = $"rec__made_up_{Guid.NewGuid():N}";

        await client.CallToolAsync("rec__echo", new Dictionary<string, object?> { ["text"] = "hi" }, cancellationToken: Token);
        for (var i = 0; i < 20; i++)
        {
            await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync($"{madeUp}_{i}", cancellationToken: Token).AsTask());
        }

        var metrics = await http.GetStringAsync("/metrics", Token);
        Assert.DoesNotContain(madeUp, metrics);
        Assert.Contains("gen_ai_tool_name=\"rec__echo\"", metrics);
        Assert.Contains("gen_ai_tool_name=\"_unknown\"", metrics);
    }

    [Fact]
    public async Task Made_up_method_names_do_not_become_metric_series()
    {
        await using var backend = await RecordingBackend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(TestBackends.Settings(("rec", backend.McpUrl)));
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var madeUp = $"made_up_{Guid.NewGuid():N}";

        using var listed = await http.SendAsync(RawMcp.Request(gateway.Endpoint, "tools/list", null, token: null), Token);
        for (var i = 0; i < 20; i++)
        {
            using var refused = await http.SendAsync(RawMcp.Request(gateway.Endpoint, $"{madeUp}_{i}", null, token: null), Token);
            Assert.Contains("-32601", await refused.Content.ReadAsStringAsync(Token));
        }

        var metrics = await http.GetStringAsync("/metrics", Token);
        Assert.DoesNotContain(madeUp, metrics);
        Assert.Contains("mcp_method_name=\"tools/list\"", metrics);
        Assert.Contains("mcp_method_name=\"_unknown\"", metrics);
    }
}
