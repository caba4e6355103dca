using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol;

namespace EnterpriseMcp.Gateway.Tests.Resilience;

/// <summary>What the circuit counts: timeouts do, tool results with isError do not.</summary>
public sealed class BackendTimeoutTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Timeouts_count_toward_opening_the_circuit_and_tool_errors_do_not()
    {
        await using var fixture = await TestBackends.StartFixtureAsync();
        var settings = TestBackends.Settings(("fx", fixture.McpUrl()));
        settings["Gateway:Backends:fx:Timeout"] = "00:00:00.500";
        settings["Gateway:Backends:fx:FailureThreshold"] = "2";
        settings["Gateway:Backends:fx:BreakDuration"] = "00:01:00";
        await using var gateway = await GatewayHost.StartAsync(settings);
        var client = await gateway.ConnectAsync("2025-11-25");

        for (var call = 0; call < 5; call++)
        {
            Assert.True((await client.CallToolAsync("fx__test_error_handling", cancellationToken: Token)).IsError);
        }

        var slow = new Dictionary<string, object?> { ["text"] = "late", ["delayMs"] = 5_000 };
        var first = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("fx__slow_echo", slow, cancellationToken: Token).AsTask());
        var second = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("fx__slow_echo", slow, cancellationToken: Token).AsTask());
        var third = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("fx__test_simple_text", cancellationToken: Token).AsTask());

        Assert.Contains("Backend 'fx' is unavailable: no answer within 0.5 s", first.Message);
        Assert.Contains("no answer within 0.5 s", second.Message);
        Assert.Contains("Backend 'fx' is unavailable: its circuit is open", third.Message);
    }
}
