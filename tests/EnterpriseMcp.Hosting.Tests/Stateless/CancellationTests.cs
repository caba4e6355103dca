using System.Text.Json.Nodes;
using EnterpriseMcp.Conformance.Server;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Stateless;

/// <summary>On 2026-07-28 a client cancels a request by closing its response stream.</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task ClosingTheResponseStream_CancelsTheToolCall()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await McpTestServer.StartAsync();

        // A completed call first, so the cancelled one is already running its delay when the client gives up.
        using (var warmUp = await server.Client.SendAsync(SlowEcho(0), ct))
        {
            Assert.Equal("ready", (await McpResponses.ReadAnswerAsync(warmUp))["result"]?["content"]?[0]?["text"]?.GetValue<string>());
        }

        var before = FixtureProbes.SlowEchoCancellations;
        using (var abort = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var sending = server.Client.SendAsync(SlowEcho(30_000), HttpCompletionOption.ResponseHeadersRead, abort.Token);
            await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(1), ct));
            await abort.CancelAsync();
            try
            {
                (await sending).Dispose();
            }
            catch (OperationCanceledException)
            {
                // The headers had not arrived yet: cancelling the send closed the connection instead.
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (FixtureProbes.SlowEchoCancellations == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct);
        }

        Assert.True(FixtureProbes.SlowEchoCancellations > before, "slow_echo was not cancelled after the client closed the response stream.");
    }

    private static HttpRequestMessage SlowEcho(int delayMs) =>
        StatelessPost.CallTool("slow_echo", new JsonObject { ["text"] = "ready", ["delayMs"] = delayMs });
}
