using EnterpriseMcp.AppHost.Health;

namespace EnterpriseMcp.AppHost.Model;

/// <summary>The development authorization server (EnterpriseMcp.Identity, oidc-provider on Node) as an executable resource.</summary>
public static class IdentityServer
{
    /// <param name="node">The Node.js found on the PATH and checked (22 or later) in a local run; <c>node</c> when publishing.</param>
    public static IResourceBuilder<ExecutableResource> AddIdentityServer(this IDistributedApplicationBuilder builder, string node, int port,
        IResourceBuilder<ParameterResource> gatewayClientSecret, DataFolder data)
    {
        var folder = SystemModel.IdentityFolder;
        var identity = builder.AddExecutable(ResourceNames.Identity, node, folder, "server.mjs")
            .WithHttpEndpoint(port: port, env: "IDENTITY_PORT", isProxied: false)
            .WithPromptHttpHealthCheck("/alive")
            .WithEnvironment($"IDENTITY_CLIENT_SECRET_{Variable(ResourceNames.GatewayClient)}", gatewayClientSecret);
        // The issuer is the address clients are given, which names the host as the endpoint does (localhost), not as
        // the server binds it (127.0.0.1): tokens' `iss` must match the services' Mcp:Auth:Authority.
        identity.WithEnvironment("IDENTITY_ISSUER", identity.GetEndpoint("http"))
            .WithExternalHttpEndpoints()
            // Its sign-in page exists only inside an authorization flow; the discovery document is what to look at.
            .WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/.well-known/openid-configuration", DisplayText = "OpenID configuration" })
            // Deployed as the image of EnterpriseMcp.Identity/Dockerfile; its signing keys and grants in a volume.
            .PublishAsDockerFile(container => container.WithVolume("identity-data", "/data"));

        if (builder.ExecutionContext.IsRunMode)
        {
            identity.WithEnvironment("IDENTITY_DATA", data.For(ResourceNames.Identity));
            // A fresh clone has no node_modules: install them first, shown in the dashboard as a resource that completes.
            if (!File.Exists(Path.Combine(folder, "node_modules", "oidc-provider", "package.json")))
            {
                var packages = builder.AddExecutable($"{ResourceNames.Identity}-packages", "npm", folder, "ci", "--no-audit", "--no-fund");
                identity.WaitForCompletion(packages);
            }
        }

        return identity;
    }

    /// <summary>Gives the identity server each service's canonical URI, the audience it issues that service's tokens for.</summary>
    public static IResourceBuilder<ExecutableResource> WithResourceUris(this IResourceBuilder<ExecutableResource> identity,
        params IResourceBuilder<IResourceWithEndpoints>[] services)
    {
        foreach (var service in services)
        {
            identity.WithEnvironment($"IDENTITY_RESOURCE_{Variable(service.Resource.Name)}", service.McpUrl());
        }

        return identity;
    }

    private static string Variable(string name) => name.Replace('-', '_').ToUpperInvariant();
}
