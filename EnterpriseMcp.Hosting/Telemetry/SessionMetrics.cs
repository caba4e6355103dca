using System.Diagnostics.Metrics;
using EnterpriseMcp.Hosting.Sessions;

namespace EnterpriseMcp.Hosting.Telemetry;

/// <summary>
/// <c>mcp_active_sessions</c>: the 2025-generation sessions whose server runs on this replica now (a hibernated one, or
/// one served by another replica, is not counted here). Per replica, it is the load signal an autoscaler divides.
/// </summary>
internal static class SessionMetrics
{
    public static void Observe(IMeterFactory meters, McpSessionManager sessions) =>
        meters.Create(McpServerTelemetry.SourceName).CreateObservableUpDownCounter(
            "mcp.active_sessions", () => sessions.LiveCount, "{session}", "2025-generation MCP sessions whose server runs on this replica.");
}
