namespace EnterpriseMcp.AppHost.Model;

public static class Gateway
{
    /// <summary>Long enough for a tool server that waits for PostgreSQL's first start (initdb) in a local run.</summary>
    private const string StartupWait = "00:00:30";

    /// <summary>
    /// The gateway in front of the tool servers: each backend by its service-discovery key (<c>services__jira__http__0</c>,
    /// which the gateway turns into <c>{url}/mcp</c>) with its name as tool prefix; its client secret for the token
    /// exchange from the same parameter the identity server is given. It starts beside the identity server and the
    /// backends rather than after them (a WaitFor level costs about 3 s of the start): it waits for them to listen itself
    /// (<c>Gateway:StartupWait</c>) and answers <c>/health</c> once it has listed the backends.
    /// </summary>
    public static IResourceBuilder<IResourceWithServiceDiscovery> AddGateway(this IDistributedApplicationBuilder builder, int port,
        IResourceBuilder<ExecutableResource> identity, IResourceBuilder<ParameterResource> clientSecret, DataFolder data,
        params IResourceBuilder<IResourceWithServiceDiscovery>[] backends)
    {
        var gateway = builder.AddMcpService<Projects.EnterpriseMcp_Gateway>(ResourceNames.Gateway, port, identity);
        var environment = gateway.As<IResourceWithEnvironment>()
            .WithEnvironment("Gateway__Identity__ClientId", ResourceNames.GatewayClient)
            .WithEnvironment("Gateway__Identity__ClientSecret", clientSecret)
            .WithEnvironment("Gateway__StartupWait", StartupWait);
        if (builder.ExecutionContext.IsRunMode)
        {
            // The audit log of its calls and its API keys, beside the other resources' data.
            environment.WithEnvironment("Gateway__Audit__Path", Path.Combine(data.For(ResourceNames.Gateway), "audit.db"))
                .WithEnvironment("Gateway__ApiKeys__Path", Path.Combine(data.For(ResourceNames.Gateway), "apikeys.db"));
        }

        // The one service clients reach; the tool servers stay internal to the deployment.
        gateway.As<IResourceWithEndpoints>().WithExternalHttpEndpoints();
        gateway.WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/mcp", DisplayText = "MCP endpoint" });
        if (identity.Resource.Annotations.OfType<WaitAnnotation>().Any())
        {
            // A fresh clone: the identity server starts only after `npm ci`, which may outlast the start-up wait.
            gateway.As<IResourceWithWaitSupport>().WaitFor(identity);
        }

        foreach (var backend in backends)
        {
            environment.WithReference(backend)
                .WithEnvironment($"Gateway__Backends__{backend.Resource.Name}__Prefix", backend.Resource.Name);
        }

        return gateway;
    }
}
