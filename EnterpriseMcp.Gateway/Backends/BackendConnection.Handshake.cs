using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Configuration;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Backends;

internal sealed partial class BackendConnection
{
    private static readonly BackendCall HandshakeCall = new(BackendGeneration.Stateless);

    /// <summary>
    /// Learns which generations the backend speaks: <c>server/discover</c> for 2026-07-28, <c>initialize</c>
    /// for a 2025 revision (which opens the session every 2025 call shares). <c>auto</c> tries both.
    /// </summary>
    private async Task<BackendFeatures> HandshakeAsync(CancellationToken cancellationToken)
    {
        var wanted = _options.ProtocolVersion;
        JsonObject? capabilities = null;
        var stateless = false;
        if (wanted is BackendProtocol.Auto || McpProtocolVersion.IsStatelessGeneration(wanted))
        {
            var discover = new JsonRpcRequest { Id = NextId(), Method = DiscoverMethod, Params = BackendMessages.PrepareParams(null, BackendGeneration.Stateless, HandshakeCall) };
            var answer = await ExchangeAsync(discover, null, BackendGeneration.Stateless, HandshakeCall, cancellationToken);
            if (answer.Result is JsonObject discovered)
            {
                stateless = true;
                capabilities = discovered["capabilities"] as JsonObject;
            }
        }

        string? sessionVersion = null, sessionId = null;
        if (wanted is BackendProtocol.Auto || !McpProtocolVersion.IsStatelessGeneration(wanted))
        {
            (sessionVersion, sessionId, var declared) = await InitializeAsync(wanted is BackendProtocol.Auto ? McpProtocolVersion.November2025 : wanted,
                HandshakeCall, cancellationToken);
            capabilities ??= declared;
        }

        if (!stateless && sessionVersion is null)
        {
            throw new BackendUnavailableException(_name, $"it answered neither server/discover nor initialize (protocol version '{wanted}').");
        }

        LogConnected(_name, stateless, sessionVersion ?? "none");
        return new BackendFeatures(stateless, sessionVersion, sessionId, capabilities);
    }

    /// <summary>Opens a 2025 session: the gateway's own (<paramref name="call"/> without a user), or one user's.</summary>
    private async Task<(string? Version, string? SessionId, JsonObject? Capabilities)> InitializeAsync(string version, BackendCall call,
        CancellationToken cancellationToken)
    {
        var initialize = new JsonRpcRequest
        {
            Id = NextId(),
            Method = RequestMethods.Initialize,
            Params = new JsonObject
            {
                ["protocolVersion"] = version,
                ["capabilities"] = BackendMessages.GatewayCapabilities(),
                ["clientInfo"] = BackendMessages.GatewayInfo(),
            },
        };
        var answer = await ExchangeAsync(initialize, null, BackendGeneration.Sessions, call, cancellationToken);
        if (answer.Result is not JsonObject result || result["protocolVersion"]?.GetValue<string>() is not { } negotiated)
        {
            return (null, null, null);
        }

        var features = new BackendFeatures(false, negotiated, answer.SessionId, result["capabilities"] as JsonObject);
        await PostQuietlyAsync(new JsonRpcNotification { Method = NotificationMethods.InitializedNotification }, features, call.User, cancellationToken);
        if (features.Offers("logging"))
        {
            // The session serves many clients (or one user's several), so the backend sends everything and the gateway filters per client.
            var setLevel = new JsonRpcRequest { Id = NextId(), Method = RequestMethods.LoggingSetLevel, Params = new JsonObject { ["level"] = "debug" } };
            await ExchangeAsync(setLevel, features, BackendGeneration.Sessions, call, cancellationToken);
        }

        return (negotiated, answer.SessionId, features.Capabilities);
    }

    /// <summary>
    /// Holds the session's GET stream open for what the backend announces outside calls (list changes,
    /// resource updates), reopening it until the session is forgotten or the gateway stops.
    /// </summary>
    private async Task ListenAsync(BackendFeatures features)
    {
        var delay = DefaultReconnectDelay;
        while (!_closing.IsCancellationRequested && Volatile.Read(ref _features) == features)
        {
            try
            {
                using var get = BackendMessages.Get(_url, features, lastEventId: null);
                using var response = await _http.SendAsync(get, HttpCompletionOption.ResponseHeadersRead, _closing.Token);
                if (response.StatusCode == HttpStatusCode.MethodNotAllowed)
                {
                    return;
                }

                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    Forget(features);
                    return;
                }

                if (response.IsSuccessStatusCode)
                {
                    delay = DefaultReconnectDelay;
                    var stream = await response.Content.ReadAsStreamAsync(_closing.Token);
                    await foreach (var sse in SseEventReader.ReadAsync(stream, _options.MaxAnswerBytes, _closing.Token))
                    {
                        if (sse.Data.Length > 0 && JsonSerializer.Deserialize<JsonRpcMessage>(sse.Data.Span, McpJsonUtilities.ProtocolOptions)
                            is JsonRpcNotification notification && Announced is { } announced)
                        {
                            await announced(this, notification);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (_closing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
            {
                LogListenFailed(_name, e.Message);
            }

            try
            {
                await Task.Delay(delay, _closing.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.BreakDuration.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backend '{Backend}' connected: 2026-07-28 {Stateless}, 2025 session {SessionVersion}.")]
    private partial void LogConnected(string backend, bool stateless, string sessionVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Backend '{Backend}': its GET stream failed: {Reason}")]
    private partial void LogListenFailed(string backend, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backend '{Backend}' asked '{Method}' and the client's answer failed: {Reason}")]
    private partial void LogQuestionFailed(string backend, string method, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Backend '{Backend}': a message to it could not be sent: {Reason}")]
    private partial void LogPostFailed(string backend, string reason);
}
