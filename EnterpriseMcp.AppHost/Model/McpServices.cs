using EnterpriseMcp.AppHost.Health;

namespace EnterpriseMcp.AppHost.Model;

/// <summary>Our ASP.NET Core MCP services (the gateway and the tool servers): their built assemblies in a local run, projects when publishing.</summary>
public static class McpServices
{
    /// <summary>
    /// A service on its documented port, healthy when <c>/health</c> answers, and told the issuer and the audience its
    /// tokens must carry. It does not wait for the identity server: it fetches the issuer's metadata only when it
    /// validates its first token.
    /// </summary>
    /// <param name="canonicalUri">The audience, when clients reach the service elsewhere than at its own <c>{endpoint}/mcp</c>.</param>
    public static IResourceBuilder<IResourceWithServiceDiscovery> AddMcpService<TProject>(this IDistributedApplicationBuilder builder,
        string name, int port, IResourceBuilder<ExecutableResource> identity, ReferenceExpression? canonicalUri = null)
        where TProject : IProjectMetadata, new()
    {
        var service = builder.AddService<TProject>(name);
        // Not proxied: the canonical URI (the audience of tokens) must be the address the service really answers on,
        // the same in every run, so clients configured once keep working.
        service.WithEndpoint("http", endpoint =>
        {
            endpoint.Port = port;
            endpoint.UriScheme = "http";
            endpoint.IsProxied = false;
            if (service.Resource is ServiceExecutableResource)
            {
                endpoint.TargetPort = port;
            }
        }, createIfNotExists: true);
        service.As<IResourceWithEndpoints>().WithPromptHttpHealthCheck("/health");
        var environment = service.As<IResourceWithEnvironment>();
        if (service.Resource is ServiceExecutableResource)
        {
            // What a project resource is given from its endpoint.
            environment.WithEnvironment("ASPNETCORE_URLS", service.GetEndpoint("http"));
        }

        environment.WithEnvironment("Mcp__Auth__Authority", identity.GetEndpoint("http"))
            .WithEnvironment("Mcp__Auth__Resource", canonicalUri ?? service.McpUrl());
        return service;
    }

    /// <summary>
    /// Tool servers sit behind the gateway: they take only tokens the gateway obtained for them, so that a token
    /// another client got for their audience cannot step around the gateway's policy.
    /// </summary>
    public static IResourceBuilder<IResourceWithServiceDiscovery> AcceptingOnlyTheGateway(this IResourceBuilder<IResourceWithServiceDiscovery> service)
    {
        service.As<IResourceWithEnvironment>().WithEnvironment("Mcp__Auth__AcceptedClients__0", ResourceNames.GatewayClient);
        return service;
    }

    /// <summary>A service's MCP endpoint, which is also its canonical URI (RFC 8707).</summary>
    public static ReferenceExpression McpUrl(this IResourceBuilder<IResourceWithEndpoints> service) =>
        ReferenceExpression.Create($"{service.GetEndpoint("http")}/mcp");
}
