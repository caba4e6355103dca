using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>Tools that talk to the client while they run.</summary>
internal static class NotificationTools
{
    // Spaced out so a client sees the notifications arrive one at a time, not in a single burst.
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(50);

    [McpServerTool(Name = "test_tool_with_logging", ReadOnly = true)]
    [Description("Sends three info-level log notifications while it runs.")]
    public static async Task<string> ToolWithLogging(
        RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        await ClientLog.WriteAsync(context, LoggingLevel.Info, "Tool execution started", cancellationToken);
        await Task.Delay(s_step, cancellationToken);
        await ClientLog.WriteAsync(context, LoggingLevel.Info, "Tool processing data", cancellationToken);
        await Task.Delay(s_step, cancellationToken);
        await ClientLog.WriteAsync(context, LoggingLevel.Info, "Tool execution completed", cancellationToken);
        return "Tool with logging executed successfully";
    }

    [McpServerTool(Name = "test_tool_with_progress", ReadOnly = true)]
    [Description("Reports progress 0, 50 and 100 of 100 when the request carries a progress token.")]
    public static async Task<string> ToolWithProgress(
        RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        var token = context.Params?.ProgressToken;
        for (var progress = 0; progress <= 100; progress += 50)
        {
            if (progress > 0)
            {
                await Task.Delay(s_step, cancellationToken);
            }

            if (token is { } progressToken)
            {
                await context.Server.NotifyProgressAsync(
                    progressToken,
                    new ProgressNotificationValue { Progress = progress, Total = 100 },
                    cancellationToken: cancellationToken);
            }
        }

        return token is null ? "Progress tool completed (no progress token was given)" : "Progress tool completed";
    }
}
