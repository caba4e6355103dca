using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Backends;

internal sealed partial class BackendConnection
{
    private static readonly BackendCall ListenCall = new(BackendGeneration.Stateless);

    /// <summary>
    /// Holds one 2026-07-28 <c>subscriptions/listen</c> open at the backend, as the gateway (its own token, never a
    /// user's), passing each notification on until the backend ends the stream, the caller cancels or the gateway stops.
    /// Unlike a call it has no deadline and the circuit does not see it: a listen is meant to stay open. Returns
    /// false when the backend refused it (an HTTP error or a JSON-RPC error), true when an open stream ended.
    /// </summary>
    public async Task<bool> ListenAsync(JsonObject notifications, Func<JsonRpcNotification, ValueTask> heard, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        var request = new JsonRpcRequest
        {
            Id = NextId(),
            Method = RequestMethods.SubscriptionsListen,
            Params = BackendMessages.PrepareParams(new JsonObject { ["notifications"] = notifications }, BackendGeneration.Stateless, ListenCall),
        };
        using var post = BackendMessages.Post(_url, request, Volatile.Read(ref _features), BackendGeneration.Stateless);
        using var response = await _http.SendAsync(post, HttpCompletionOption.ResponseHeadersRead, stopping.Token);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return false;
        }

        var stream = await response.Content.ReadAsStreamAsync(stopping.Token);
        await foreach (var sse in SseEventReader.ReadAsync(stream, _options.MaxAnswerBytes, stopping.Token))
        {
            if (sse.Data.Length == 0)
            {
                continue;
            }

            switch (JsonSerializer.Deserialize<JsonRpcMessage>(sse.Data.Span, McpJsonUtilities.ProtocolOptions))
            {
                case JsonRpcNotification notification:
                    await heard(notification);
                    break;
                case JsonRpcError:
                    return false;
                case JsonRpcResponse:
                    // The backend ended the subscription gracefully (e.g. it is shutting down).
                    return true;
            }
        }

        return true;
    }
}
