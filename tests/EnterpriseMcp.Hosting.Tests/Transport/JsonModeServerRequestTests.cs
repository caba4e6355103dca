using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Session;

namespace EnterpriseMcp.Hosting.Tests.Transport;

/// <summary>
/// A JSON answer has room for the response only, so a request the server sends the client while a
/// tool runs (sampling, elicitation) must reach the client some other way (an SSE answer after all,
/// or the GET stream), or the call must end; it must not vanish and leave the POST hanging.
/// </summary>
public sealed class JsonModeServerRequestTests
{
    private const string SamplingRequest = "sampling/createMessage";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JsonMode_ToolAskingTheClientForSampling_DoesNotLeaveThePostHanging()
    {
        await using var server = await McpTestServer.StartAsync(new Dictionary<string, string?> { ["Mcp:Http:ResponseMode"] = "Json" });
        var sessionId = await SessionRequests.OpenAsync(server, capabilities: new JsonObject { ["sampling"] = new JsonObject() });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var stream = await SessionRequests.OpenGetStreamAsync(server, sessionId, timeout.Token);
        using var getEvents = new SseLineReader(await stream.Content.ReadAsStreamAsync(timeout.Token));

        var viaPost = PostAnsweredOrAskedAsync(server.Client,
            SessionRequests.CallTool(sessionId, "test_sampling", new JsonObject { ["prompt"] = "hi" }), timeout.Token);
        var viaGet = WaitForMethodAsync(getEvents, SamplingRequest, timeout.Token);
        var first = await Task.WhenAny(viaPost, viaGet);
        var handled = first.IsCompletedSuccessfully && await first;
        await timeout.CancelAsync();
        await Task.WhenAll(viaPost, viaGet).ContinueWith(static _ => { }, TaskScheduler.Default);

        Assert.True(handled, "The sampling request reached the client on no stream and the call did not end: the POST hung.");
    }

    /// <summary>True once the POST is answered, or its answer turned into an SSE stream carrying the sampling request.</summary>
    private static async Task<bool> PostAnsweredOrAskedAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return true;
        }

        using var events = new SseLineReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        await WaitForMethodAsync(events, SamplingRequest, cancellationToken);
        return true;
    }

    private static async Task<bool> WaitForMethodAsync(SseLineReader events, string method, CancellationToken cancellationToken)
    {
        while (await events.ReadEventAsync(cancellationToken) is { } item)
        {
            if (item.Data?["method"]?.GetValue<string>() == method)
            {
                return true;
            }
        }

        return false;
    }
}
