using EnterpriseMcp.Gateway.Tests.Infrastructure;
using EnterpriseMcp.Tools.Testing;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Tests.Resilience;

/// <summary>
/// The gateway reads no more of a backend's answer than <c>Gateway:Backends:{name}:MaxAnswerBytes</c>, as a JSON body or as
/// one event of a stream, and says which limit refused it; the backend stays usable and its circuit closed.
/// </summary>
public sealed class AnswerSizeLimitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Sse", "2025-11-25")]
    [InlineData("Sse", "2026-07-28")]
    [InlineData("Json", "2025-11-25")]
    [InlineData("Json", "2026-07-28")]
    public async Task An_answer_larger_than_the_cap_is_refused_naming_the_setting_and_smaller_ones_pass(string responseMode, string generation)
    {
        await using var fixture = await ToolServerHost.StartAsync(EnterpriseMcp.Conformance.Server.ConformanceServerApp.Create,
            new Dictionary<string, string?> { ["Mcp:Http:ResponseMode"] = responseMode });
        var settings = TestBackends.Settings(("fx", fixture.McpUrl()));
        settings["Gateway:Backends:fx:MaxAnswerBytes"] = "65536";
        settings["Gateway:Backends:fx:FailureThreshold"] = "1";
        await using var gateway = await GatewayHost.StartAsync(settings);
        var client = await gateway.ConnectAsync(generation);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var refused = await Assert.ThrowsAsync<McpProtocolException>(() =>
                client.CallToolAsync("fx__slow_echo", Echo(new string('x', 200_000)), cancellationToken: Token).AsTask());
            Assert.Contains("Backend 'fx' answered more than 65536 bytes", refused.Message);
            Assert.Contains("Gateway:Backends:fx:MaxAnswerBytes", refused.Message);
        }

        // Not a failure of the backend: its circuit is still closed (FailureThreshold 1), and a normal answer passes.
        var small = await client.CallToolAsync("fx__slow_echo", Echo("fits"), cancellationToken: Token);
        Assert.Equal("fits", Assert.IsType<TextContentBlock>(Assert.Single(small.Content)).Text);
    }

    private static Dictionary<string, object?> Echo(string text) => new() { ["text"] = text, ["delayMs"] = 0 };
}
