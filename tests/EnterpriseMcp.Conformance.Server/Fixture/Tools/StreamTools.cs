using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>Tools that exercise the response stream itself rather than its content.</summary>
internal static class StreamTools
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(500);

    [McpServerTool(Name = "test_reconnection", ReadOnly = true)]
    [Description("Closes its response stream before answering, so the client must reconnect with Last-Event-ID to get the result (SEP-1699).")]
    public static async Task<string> Reconnection(
        RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        try
        {
            await context.EnablePollingAsync(s_pollInterval, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // Stateless requests have no event store to resume from, so the answer stays on the open stream.
            return "Reconnection test completed without closing the stream (the transport cannot resume)";
        }

        return "Reconnection test completed successfully";
    }
}
