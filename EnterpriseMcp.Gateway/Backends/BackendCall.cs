using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>What a backend sends during one call before its answer, and where it goes.</summary>
internal interface IBackendCallRelay
{
    /// <summary>Progress, log messages and other notifications about the call.</summary>
    ValueTask OnNotificationAsync(JsonRpcNotification notification, CancellationToken cancellationToken);

    /// <summary>A question for the client (sampling, elicitation, roots): its result, or an McpException.</summary>
    Task<JsonNode?> OnRequestAsync(JsonRpcRequest request, CancellationToken cancellationToken);

    /// <summary>The backend closed the call's stream to be polled (SEP-1699); the client's stream may do the same.</summary>
    ValueTask OnPollingAsync(TimeSpan retryInterval, CancellationToken cancellationToken);
}

/// <summary>
/// How one call goes out: the generation its client speaks (used when the backend speaks it too),
/// where the backend's messages go, what the client declared, and the tool's input schema for its
/// <c>Mcp-Param-*</c> headers, and the user it is made for (whose exchanged token the backend gets; none: the gateway's own calls).
/// </summary>
internal sealed record BackendCall(
    BackendGeneration ClientGeneration,
    IBackendCallRelay? Relay = null,
    ClientCapabilities? ClientCapabilities = null,
    LoggingLevel? LogLevel = null,
    JsonElement? InputSchema = null,
    ClaimsPrincipal? User = null)
{
    /// <summary>Where the size of the backend's answer is written when it arrives (the audit's result size); shared by copies made with <c>with</c>.</summary>
    public AnswerSize? Size { get; init; }
}

/// <summary>How many bytes a backend's answer took: its JSON body, or the data of the event that carried it.</summary>
internal sealed class AnswerSize
{
    public long Bytes { get; set; }
}
