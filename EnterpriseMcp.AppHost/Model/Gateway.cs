namespace EnterpriseMcp.AppHost.Model;

public static class Gateway
{
    /// <summary>
    /// The gateway in front of the tool servers: each backend by its service-discovery key (<c>services__jira__http__0</c>,
    /// which the gateway turns into <c>{url}/mcp</c>) with its name as tool prefix; its client secret for the token
    /// exchange from the same parameter the identity server is given. It waits for the identity server and the backends.
    /// </summary>
    public static IResourceBuilder<IResourceWithServiceDiscovery> AddGateway(this IDistributedApplicationBuilder builder, int port,
        IResourceBuilder<ExecutableResource> identity, IResourceBuilder<ParameterResource> clientSecret,
        params IResourceBuilder<IResourceWithServiceDiscovery>[] backends)
    {
        var gateway = builder.AddMcpService<Projects.EnterpriseMcp_Gateway>(ResourceNames.Gateway, port, identity);
        var environment = gateway.As<IResourceWithEnvironment>()
            .WithEnvironment("Gateway__Identity__ClientId", ResourceNames.GatewayClient)
            .WithEnvironment("Gateway__Identity__ClientSecret", clientSecret);
        // The one service clients reach; the tool servers stay internal to the deployment.
        gateway.As<IResourceWithEndpoints>().WithExternalHttpEndpoints();
        gateway.WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/mcp", DisplayText = "MCP endpoint" });
        var waiting = gateway.As<IResourceWithWaitSupport>().WaitFor(identity);
        foreach (var backend in backends)
        {
            environment.WithReference(backend)
                .WithEnvironment($"Gateway__Backends__{backend.Resource.Name}__Prefix", backend.Resource.Name);
            waiting.WaitFor(backend);
        }

        return gateway;
    }
}
