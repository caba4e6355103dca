using EnterpriseMcp.AppHost.Health;
using EnterpriseMcp.AppHost.Model;
using EnterpriseMcp.AppHost.Options;
using EnterpriseMcp.AppHost.Prerequisites;

namespace EnterpriseMcp.AppHost.ScaleOut;

/// <summary>
/// The <c>--replicas N</c> option in a local run: gateways <c>gateway-1</c> to <c>gateway-N</c> on one Redis, and
/// Debian's nginx in front of them as the resource <c>gateway</c>, on the gateway's port. Clients, the tokens' audience
/// and the identity server's resource stay what they are with one gateway: the replicas' canonical URI is nginx's
/// URL, and each replica is reached only through it (on a free port of its own, which nginx's upstream names).
/// </summary>
/// <remarks>
/// Not Aspire's <c>WithReplicas</c>: it exists for project resources (a local run starts the built assemblies as
/// executables), and its replicas share one endpoint behind DCP's own proxy, where nginx needs each replica's port.
/// </remarks>
public static class GatewayReplicas
{
    public static (IResourceBuilder<ExecutableResource> Nginx, IResourceBuilder<IResourceWithServiceDiscovery>[] Replicas) AddGatewayReplicas(
        this IDistributedApplicationBuilder builder, int count, int port, GatewayInputs inputs)
    {
        var folder = Path.Combine(inputs.Data.For(ResourceNames.Gateway), "nginx");
        Directory.CreateDirectory(folder);
        var nginx = builder.AddExecutable(ResourceNames.Gateway, MachineChecks.Nginx(), folder,
                // -e: nginx's own start-up messages too, before it has read the configuration, go to the folder, not /var/log.
                "-p", folder, "-c", Path.Combine(folder, NginxConfig.FileName), "-e", Path.Combine(folder, NginxConfig.ErrorLog))
            .WithHttpEndpoint(port: port, targetPort: port, isProxied: false)
            .WithExternalHttpEndpoints()
            .WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/mcp", DisplayText = "MCP endpoint" })
            .WithPromptHttpHealthCheck("/health");

        var canonicalUri = nginx.McpUrl();
        var ports = ResourcePorts.FreePorts(count);
        var replicas = Enumerable.Range(1, count)
            .Select(number => builder.AddGatewayProcess(ResourceNames.GatewayReplica(number), ports[number - 1], inputs, canonicalUri))
            .ToArray();
        // Started once every replica is healthy, so that its first requests are spread over all of them rather than
        // over whichever answered first (one that refused a connection is left out for a while).
        foreach (var replica in replicas)
        {
            nginx.WaitFor(replica);
        }

        File.WriteAllText(Path.Combine(folder, NginxConfig.FileName),
            NginxConfig.Render(folder, port, [.. replicas.Select((replica, index) => (replica.Resource.Name, ports[index]))]));
        return (nginx, replicas);
    }
}
