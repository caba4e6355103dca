using EnterpriseMcp.AppHost.Redis;

namespace EnterpriseMcp.AppHost.Model;

public static class Gateway
{
    /// <summary>Long enough for a tool server that waits for PostgreSQL's first start (initdb) in a local run.</summary>
    private const string StartupWait = "00:00:30";

    /// <summary>The one gateway, the service clients reach (<c>--replicas</c> puts nginx there instead, see ScaleOut).</summary>
    public static IResourceBuilder<IResourceWithServiceDiscovery> AddGateway(this IDistributedApplicationBuilder builder, int port, GatewayInputs inputs)
    {
        var gateway = builder.AddGatewayProcess(ResourceNames.Gateway, port, inputs);
        // The one service clients reach; the tool servers stay internal to the deployment.
        gateway.As<IResourceWithEndpoints>().WithExternalHttpEndpoints();
        return gateway;
    }

    /// <summary>
    /// A gateway in front of the tool servers: each backend by its service-discovery key (<c>services__jira__http__0</c>,
    /// which the gateway turns into <c>{url}/mcp</c>) with its name as tool prefix; its client secret for the token
    /// exchange from the same parameter the identity server is given. It starts beside the identity server and the
    /// backends rather than after them (a WaitFor level costs about 3 s of the start): it waits for them to listen itself
    /// (<c>Gateway:StartupWait</c>) and answers <c>/health</c> once it has listed the backends.
    /// </summary>
    /// <param name="canonicalUri">What clients reach it by when that is not its own endpoint: a replica's is nginx's.</param>
    public static IResourceBuilder<IResourceWithServiceDiscovery> AddGatewayProcess(this IDistributedApplicationBuilder builder, string name, int port,
        GatewayInputs inputs, ReferenceExpression? canonicalUri = null)
    {
        var gateway = builder.AddMcpService<Projects.EnterpriseMcp_Gateway>(name, port, inputs.Identity, canonicalUri);
        var environment = gateway.As<IResourceWithEnvironment>()
            .WithEnvironment("Gateway__Identity__ClientId", ResourceNames.GatewayClient)
            .WithEnvironment("Gateway__Identity__ClientSecret", inputs.ClientSecret)
            .WithEnvironment("Gateway__StartupWait", StartupWait);
        if (builder.ExecutionContext.IsRunMode)
        {
            // The audit log of its calls and its API keys, beside the other resources' data; replicas share both files
            // (both stores take several writers: the audit chain is extended under the table's write lock).
            var folder = inputs.Data.For(ResourceNames.Gateway);
            environment.WithEnvironment("Gateway__Audit__Path", Path.Combine(folder, "audit.db"))
                .WithEnvironment("Gateway__ApiKeys__Path", Path.Combine(folder, "apikeys.db"));
        }

        gateway.WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/mcp", DisplayText = "MCP endpoint" });
        if (inputs.Identity.Resource.Annotations.OfType<WaitAnnotation>().Any())
        {
            // A fresh clone: the identity server starts only after `npm ci`, which may outlast the start-up wait.
            gateway.As<IResourceWithWaitSupport>().WaitFor(inputs.Identity);
        }

        foreach (var backend in inputs.Backends)
        {
            environment.WithReference(backend)
                .WithEnvironment($"Gateway__Backends__{backend.Resource.Name}__Prefix", backend.Resource.Name);
        }

        return inputs.Redis is { } redis ? gateway.WithSharedRedis(redis) : gateway;
    }
}
