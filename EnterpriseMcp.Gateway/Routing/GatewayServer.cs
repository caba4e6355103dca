using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Relaying;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Routing;

/// <summary>The gateway's MCP server: every capability a backend might offer, answered by routing.</summary>
internal static class GatewayServer
{
    public static void Configure(McpServerOptions server, BackendRegistry registry, ResourceSubscriptions subscriptions, BackendForwarder forwarder,
        GatewayRequestAuthorizer access, CallHandlers calls)
    {
        server.ServerInfo = new Implementation { Name = "enterprise-mcp-gateway", Version = "1.0.0" };
        server.Capabilities = new ServerCapabilities
        {
            Tools = new ToolsCapability { ListChanged = true },
            Prompts = new PromptsCapability { ListChanged = true },
            Resources = new ResourcesCapability { ListChanged = true, Subscribe = true },
            Completions = new CompletionsCapability(),
            Logging = new LoggingCapability(),
        };
        ListHandlers.Register(server.Handlers, registry, access);
        calls.Register(server.Handlers);
        subscriptions.Register(server.Handlers, registry, forwarder);
        // The level is kept per session by the server; backends send everything and the gateway filters.
        server.Handlers.SetLoggingLevelHandler = (_, _) => ValueTask.FromResult(new EmptyResult());
    }
}
