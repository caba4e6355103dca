using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Relaying;
using EnterpriseMcp.Gateway.Routing;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway;

/// <summary>Builds the gateway; tests host the same application in-process.</summary>
public static class GatewayApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        builder.AddMcpResourceServer();
        builder.Services.AddGatewayBackends();
        builder.Services.AddMcpHosting(_ => { });
        builder.Services.AddOptions<McpServerOptions>().Configure<BackendRegistry, ResourceSubscriptions, BackendForwarder>(GatewayServer.Configure);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapMcp("/mcp");
        return app;
    }
}
