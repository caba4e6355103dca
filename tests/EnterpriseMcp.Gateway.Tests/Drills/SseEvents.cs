using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace EnterpriseMcp.Gateway.Tests.Drills;

/// <summary>An SSE response read as events (id and JSON data) as they come; it ends when the stream ends or breaks.</summary>
public sealed class SseEvents : IDisposable
{
    private readonly Channel<(string? Id, JsonObject? Data)> _events = Channel.CreateUnbounded<(string?, JsonObject?)>();
    private readonly HttpResponseMessage _response;

    public SseEvents(HttpResponseMessage response)
    {
        _response = response;
        _ = ReadAsync();
    }

    /// <summary>The next event; null when the stream ended (or broke) or nothing came within the time.</summary>
    public async Task<(string? Id, JsonObject? Data)?> NextAsync(int milliseconds = 15_000)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        wait.CancelAfter(milliseconds);
        try
        {
            return await _events.Reader.ReadAsync(wait.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Reads on to the next message with <paramref name="method"/>; its event id, or null if the stream ended first.</summary>
    public async Task<string?> NextWithMethodAsync(string method)
    {
        while (await NextAsync() is { } next)
        {
            if ((string?)next.Data?["method"] == method)
            {
                return next.Id;
            }
        }

        return null;
    }

    private async Task ReadAsync()
    {
        try
        {
            using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync());
            string? id = null;
            var data = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("id:", StringComparison.Ordinal))
                {
                    id = line[3..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Add(line[5..].TrimStart());
                }
                else if (line.Length == 0 && (id is not null || data.Count > 0))
                {
                    var json = string.Join('\n', data);
                    _events.Writer.TryWrite((id, json.Length == 0 ? null : JsonNode.Parse(json)!.AsObject()));
                    (id, data) = (null, []);
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException)
        {
            // A broken stream ends like a finished one; the test sees no more events.
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    public void Dispose() => _response.Dispose();
}
