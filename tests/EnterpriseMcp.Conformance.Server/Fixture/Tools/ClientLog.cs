using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>
/// Sends log notifications to the client at the level it asked for: per request in _meta on
/// 2026-07-28, per session through logging/setLevel before that. A client that asked for nothing
/// gets nothing.
/// </summary>
internal static class ClientLog
{
    private const string LoggerName = "enterprise-mcp-conformance";

    public static async Task WriteAsync(
        RequestContext<CallToolRequestParams> context, LoggingLevel level, string message, CancellationToken cancellationToken)
    {
        var threshold = context.JsonRpcRequest.Context?.LogLevel ?? context.Server.LoggingLevel;
        if (threshold is null || level < threshold)
        {
            return;
        }

        await context.Server.SendNotificationAsync(
            NotificationMethods.LoggingMessageNotification,
            new LoggingMessageNotificationParams
            {
                Level = level,
                Logger = LoggerName,
                Data = JsonSerializer.SerializeToElement(message, McpJsonUtilities.DefaultOptions),
            },
            McpJsonUtilities.DefaultOptions,
            cancellationToken);
    }
}
