using EnterpriseMcp.Gateway.ApiKeys;
using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Configuration.KeyVault;
using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Gateway.RateLimiting;
using EnterpriseMcp.Gateway.Relaying;
using EnterpriseMcp.Gateway.Routing;
using EnterpriseMcp.Gateway.ScaleOut;
using EnterpriseMcp.Gateway.Subscriptions;
using EnterpriseMcp.Gateway.Telemetry;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway;

/// <summary>Builds the gateway; tests host the same application in-process.</summary>
public static class GatewayApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Configuration.AddKeyVaultSecrets();
        builder.AddServiceDefaults();
        builder.AddMcpResourceServer();
        builder.AddGatewayScaleOut();
        // In the pipeline's order: the audit first, so it sees every refusal (a bad API key's included), and a call it
        // could not record is refused before it takes a rate limit's token.
        builder.Services.AddGatewayTelemetry();
        builder.Services.AddGatewayAudit(builder.Configuration);
        builder.Services.AddGatewayApiKeys();
        builder.Services.AddGatewayBackends();
        builder.Services.AddGatewayPolicy();
        builder.Services.AddSingleton<BackendScopeDemands>();
        builder.Services.AddSingleton<GatewayRequestAuthorizer>();
        builder.Services.AddSingleton<IMcpRequestAuthorizer, PolicyStep>();
        builder.Services.AddHostedService<PolicyGapWatcher>();
        builder.Services.AddCallLimits(builder.Configuration);
        builder.Services.AddMcpHosting(_ => { });
        builder.Services.AddGatewaySubscriptions();
        builder.Services.AddOptions<McpServerOptions>().Configure<BackendRegistry, ResourceSubscriptions, BackendForwarder, GatewayRequestAuthorizer, CallHandlers>(GatewayServer.Configure);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapMcp("/mcp");
        app.MapPolicyExplain();
        app.MapAuditApi();
        return app;
    }
}
