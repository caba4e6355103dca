using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace EnterpriseMcp.Gateway.Tests.Drills;

/// <summary>A 2025-11-25 client written by hand, so that a drill sees every status, header and event.</summary>
public sealed class SessionClient(Uri endpoint) : IDisposable
{
    private const string Version = "2025-11-25";
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private int _nextId;

    public string? SessionId { get; private set; }

    public async Task InitializeAsync()
    {
        using var initialize = await SendAsync("initialize", new JsonObject
        {
            ["protocolVersion"] = Version,
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "drill", ["version"] = "1.0.0" },
        });
        initialize.EnsureSuccessStatusCode();
        SessionId = initialize.Headers.GetValues("Mcp-Session-Id").Single();
        await initialize.Content.ReadAsStringAsync();
        using var initialized = await PostAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" });
        initialized.EnsureSuccessStatusCode();
    }

    public Task<HttpResponseMessage> SendAsync(string method, JsonObject? parameters = null) =>
        PostAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = Interlocked.Increment(ref _nextId), ["method"] = method, ["params"] = parameters });

    public Task<HttpResponseMessage> CallToolAsync(string tool, JsonObject? arguments = null) =>
        SendAsync("tools/call", new JsonObject { ["name"] = tool, ["arguments"] = arguments ?? [] });

    /// <summary>Opens the session's GET stream (from <paramref name="lastEventId"/> when resuming); headers read, body not.</summary>
    public async Task<HttpResponseMessage> GetAsync(string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Accept.ParseAdd("text/event-stream");
        Headers(request);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject message)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        Headers(request);
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    private void Headers(HttpRequestMessage request)
    {
        request.Headers.Add("MCP-Protocol-Version", Version);
        if (SessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", SessionId);
        }
    }

    public void Dispose() => _http.Dispose();
}
