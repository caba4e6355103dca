using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>
/// A 2026-07-28 client's <c>subscriptions/listen</c> on the gateway, by hand: the POST's SSE stream read into messages
/// as they come. Disposing it closes the stream, which is how a client ends a listen.
/// </summary>
public sealed class ListenStream : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _closing = new();
    private readonly Channel<JsonObject> _messages = Channel.CreateUnbounded<JsonObject>();
    private Task _reading = Task.CompletedTask;

    public int Status { get; private set; }

    public static async Task<ListenStream> OpenAsync(Uri endpoint, JsonObject notifications, string? token = null)
    {
        var listen = new ListenStream();
        using var request = RawMcp.Request(endpoint, "subscriptions/listen", new JsonObject { ["notifications"] = notifications }, token);
        var response = await listen._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, listen._closing.Token);
        listen.Status = (int)response.StatusCode;
        listen._reading = listen.ReadAsync(response);
        return listen;
    }

    /// <summary>The next message; null when none came within the time, or the stream ended.</summary>
    public async Task<JsonObject?> NextAsync(int milliseconds = 10_000)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        wait.CancelAfter(milliseconds);
        try
        {
            return await _messages.Reader.ReadAsync(wait.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Whether the gateway ended the stream (the response body finished).</summary>
    public Task Ended => _reading;

    private async Task ReadAsync(HttpResponseMessage response)
    {
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_closing.Token));
            var data = new List<string>();
            while (await reader.ReadLineAsync(_closing.Token) is { } line)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Add(line[5..].TrimStart());
                }
                else if (line.Length == 0 && data.Count > 0)
                {
                    _messages.Writer.TryWrite(JsonNode.Parse(string.Join('\n', data))!.AsObject());
                    data.Clear();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
        }
        finally
        {
            _messages.Writer.TryComplete();
            response.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _reading;
        _http.Dispose();
        _closing.Dispose();
    }
}
