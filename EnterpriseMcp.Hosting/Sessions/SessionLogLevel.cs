using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>
/// Keeps the level a 2025 client sets with logging/setLevel in its session's record, so that a server rebuilt on any
/// replica (or after hibernating) logs at the level the client asked for. Watched as an incoming message rather than
/// through the SDK's setLevel filters, which run only for servers that register a setLevel handler of their own.
/// </summary>
internal static class SessionLogLevel
{
    public static McpMessageFilter Recorder(IMcpSessionStore store) => next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.LoggingSetLevel, Params: { } parameters }
            && context.Server.SessionId is { } sessionId
            && LevelOf(parameters["level"]) is { } level)
        {
            await store.SetLogLevelAsync(sessionId, level, cancellationToken);
        }

        await next(context, cancellationToken);
    };

    // A level the SDK does not know is the server's to refuse (invalid params); nothing is recorded for it.
    private static LoggingLevel? LevelOf(System.Text.Json.Nodes.JsonNode? level)
    {
        try
        {
            return level?.Deserialize<LoggingLevel>(McpJsonUtilities.DefaultOptions);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
