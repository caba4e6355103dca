using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Credentials;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Backends;

internal sealed partial class BackendConnection
{
    private static readonly TimeSpan DefaultReconnectDelay = TimeSpan.FromMilliseconds(500);

    // 2026-07-28 has no ping: server/discover is how a client asks whether a server is there.
    private const string DiscoverMethod = "server/discover";

    private async Task<BackendAnswer> SendOnceAsync(BackendFeatures features, string method, JsonNode? parameters,
        BackendCall call, CancellationToken cancellationToken)
    {
        if (NeedsUserSession(features, call))
        {
            return await SendInUserSessionAsync(features, method, parameters, call, cancellationToken);
        }

        var generation = GenerationFor(features, call);
        var request = new JsonRpcRequest
        {
            Id = NextId(),
            Method = method == RequestMethods.Ping && generation == BackendGeneration.Stateless ? DiscoverMethod : method,
            Params = BackendMessages.PrepareParams(parameters, generation, call),
        };

        // On a 2025 session a cancelled call is announced; on 2026-07-28 closing the stream is the announcement.
        using var cancelling = generation == BackendGeneration.Sessions
            ? cancellationToken.Register(() => _ = NotifyCancelledAsync(features, request.Id, call.User))
            : default;
        return await ExchangeAsync(request, features, generation, call, cancellationToken);
    }

    /// <summary>
    /// The client's generation where the backend speaks it; but a call with a user's own token goes out on 2026-07-28
    /// where the backend speaks it, never on the shared 2025 session, which belongs to the gateway's identity.
    /// </summary>
    private BackendGeneration GenerationFor(BackendFeatures features, BackendCall call) =>
        _callsAsUser && call.User is not null && features.Owner is null && features.SpeaksStateless
            ? BackendGeneration.Stateless
            : features.Choose(call.ClientGeneration);

    /// <summary>POSTs a request and reads its answer, JSON or SSE, resuming a 2025 stream the backend closed early.</summary>
    private async Task<BackendAnswer> ExchangeAsync(JsonRpcRequest request, BackendFeatures? features,
        BackendGeneration generation, BackendCall call, CancellationToken cancellationToken)
    {
        using var post = BackendMessages.Post(_url, request, features, generation, call.InputSchema);
        OnBehalfOf(post, call.User);
        var response = await _http.SendAsync(post, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            var answer = await ReadAnswerAsync(response, request, features, generation, call, cancellationToken);
            return answer.Refused
                ? answer with { ChallengedScopes = BackendRefusedException.ScopesOf(response.Headers.WwwAuthenticate.ToString()) }
                : answer;
        }
        catch (AnswerTooLargeException e)
        {
            // An answer, only too large: the backend is up (the circuit is not told), the caller learns which limit.
            throw new McpProtocolException(
                $"Backend '{_name}' answered more than {e.MaxBytes} bytes, which the gateway refuses (Gateway:Backends:{_name}:MaxAnswerBytes).",
                McpErrorCode.InternalError);
        }
    }

    private async Task<BackendAnswer> ReadAnswerAsync(HttpResponseMessage response, JsonRpcRequest request, BackendFeatures? features,
        BackendGeneration generation, BackendCall call, CancellationToken cancellationToken)
    {
        try
        {
            var sessionId = response.Headers.TryGetValues(Hosting.Protocol.McpHeaders.SessionId, out var ids) ? ids.FirstOrDefault() : null;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType == "application/json")
            {
                var body = await BoundedBody.ReadAsync(response.Content, _options.MaxAnswerBytes, cancellationToken);
                call.Size?.Bytes = body.Length;
                return Answer(response.StatusCode, JsonSerializer.Deserialize<JsonRpcMessage>(body.Span, McpJsonUtilities.ProtocolOptions), request.Id, sessionId);
            }

            if (mediaType != "text/event-stream")
            {
                return new BackendAnswer(response.StatusCode, null, null, sessionId);
            }

            string? lastEventId = null;
            var delay = DefaultReconnectDelay;
            while (true)
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                await foreach (var sse in SseEventReader.ReadAsync(stream, _options.MaxAnswerBytes, cancellationToken))
                {
                    lastEventId = sse.Id ?? lastEventId;
                    if (sse.RetryMilliseconds is { } retry)
                    {
                        // The backend asks to be polled (SEP-1699): the client's stream is offered the same.
                        delay = TimeSpan.FromMilliseconds(retry);
                        if (call.Relay is { } polled)
                        {
                            await polled.OnPollingAsync(delay, cancellationToken);
                        }
                    }

                    if (sse.Data.Length == 0)
                    {
                        continue;
                    }

                    var message = JsonSerializer.Deserialize<JsonRpcMessage>(sse.Data.Span, McpJsonUtilities.ProtocolOptions);
                    if (Answer(response.StatusCode, message, request.Id, sessionId) is { Answered: true } answer)
                    {
                        call.Size?.Bytes = sse.Data.Length;
                        return answer;
                    }

                    await RelayAsync(message, features, generation, call, cancellationToken);
                }

                // The backend closed the stream before answering (SEP-1699 polling): resume it where it stopped.
                if (generation != BackendGeneration.Sessions || features?.SessionId is null || lastEventId is null)
                {
                    throw new BackendUnavailableException(_name, "its response stream ended before the answer.");
                }

                await Task.Delay(delay, cancellationToken);
                response.Dispose();
                using var resume = BackendMessages.Get(_url, features, lastEventId);
                OnBehalfOf(resume, call.User);
                response = await _http.SendAsync(resume, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new BackendUnavailableException(_name, $"resuming its response stream was answered HTTP {(int)response.StatusCode}.");
                }
            }
        }
        finally
        {
            response.Dispose();
        }
    }

    private void OnBehalfOf(HttpRequestMessage request, ClaimsPrincipal? user)
    {
        if (_callsAsUser && user is not null)
        {
            request.Options.Set(BackendAuthHandler.OnBehalfOf, user);
        }
    }

    private static BackendAnswer Answer(HttpStatusCode status, JsonRpcMessage? message, RequestId id, string? sessionId) => message switch
    {
        JsonRpcResponse response when response.Id == id => new(status, response.Result ?? new JsonObject(), null, sessionId),
        JsonRpcError error when error.Id == id || error.Id.Id is null => new(status, null, error.Error, sessionId),
        _ => new(status, null, null, sessionId),
    };

    private async Task RelayAsync(JsonRpcMessage? message, BackendFeatures? features, BackendGeneration generation,
        BackendCall call, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case JsonRpcNotification notification when call.Relay is { } relay:
                await relay.OnNotificationAsync(notification, cancellationToken);
                break;
            case JsonRpcRequest question when features is not null && generation == BackendGeneration.Sessions:
                // Answered alongside: the backend may send more (progress, another question) before it needs this answer.
                _ = AnswerQuestionAsync(question, features, call, cancellationToken);
                break;
        }
    }

    private async Task AnswerQuestionAsync(JsonRpcRequest question, BackendFeatures features, BackendCall call, CancellationToken cancellationToken)
    {
        JsonRpcMessage reply;
        try
        {
            var result = call.Relay is { } relay
                ? await relay.OnRequestAsync(question, cancellationToken)
                : throw new McpProtocolException($"The gateway has no client to ask '{question.Method}'.", McpErrorCode.MethodNotFound);
            reply = new JsonRpcResponse { Id = question.Id, Result = result ?? new JsonObject() };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            LogQuestionFailed(_name, question.Method, e.Message);
            reply = BackendErrors.ToMessage(question.Id, e);
        }

        await PostQuietlyAsync(reply, features, call.User, cancellationToken);
    }

    private Task NotifyCancelledAsync(BackendFeatures features, RequestId id, ClaimsPrincipal? user) =>
        PostQuietlyAsync(new JsonRpcNotification
        {
            Method = NotificationMethods.CancelledNotification,
            Params = new JsonObject { ["requestId"] = JsonSerializer.SerializeToNode(id, McpJsonUtilities.DefaultOptions), ["reason"] = "The client cancelled the request." },
        }, features, user, _closing.Token);

    /// <summary>Sends a response or notification on the session; a backend that is gone has nobody to tell.</summary>
    private async Task PostQuietlyAsync(JsonRpcMessage message, BackendFeatures features, ClaimsPrincipal? user, CancellationToken cancellationToken)
    {
        try
        {
            using var post = BackendMessages.Post(_url, message, features, BackendGeneration.Sessions);
            OnBehalfOf(post, user);
            using var response = await _http.SendAsync(post, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            LogPostFailed(_name, e.Message);
        }
    }
}
