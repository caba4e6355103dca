using System.Security.Claims;
using System.Text.Json;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Hosting.Protocol;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Relaying;

/// <summary>What the gateway knows of the client behind one request: its generation, capabilities, log level and user.</summary>
internal sealed record InboundCall(McpServer Server, BackendGeneration Generation, ClientCapabilities? Capabilities, LoggingLevel? LogLevel,
    Func<TimeSpan, CancellationToken, ValueTask> EnablePolling, ClaimsPrincipal? User)
{
    public static InboundCall Of<TParams>(RequestContext<TParams> context)
    {
        var request = context.JsonRpcRequest;
        var version = request.Context?.ProtocolVersion ?? context.Server.NegotiatedProtocolVersion ?? "";
        var stateless = McpProtocolVersion.IsStatelessGeneration(version);
#pragma warning disable MCP9005 // A 2025 session's level, set by logging/setLevel, still governs that session.
        var level = request.Context?.LogLevel ?? (stateless ? null : context.Server.LoggingLevel);
#pragma warning restore MCP9005
        var capabilities = request.Context?.ClientCapabilities ?? context.Server.ClientCapabilities;
        return new InboundCall(context.Server, stateless ? BackendGeneration.Stateless : BackendGeneration.Sessions, capabilities, level,
            context.EnablePollingAsync, context.User?.Identity?.IsAuthenticated == true ? context.User : null);
    }

    public BackendCall ToBackendCall(JsonElement? inputSchema = null) =>
        new(Generation, new InboundRelay(this), Capabilities, LogLevel, inputSchema, User);
}
