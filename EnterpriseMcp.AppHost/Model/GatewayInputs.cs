namespace EnterpriseMcp.AppHost.Model;

/// <summary>What every gateway process is given, whether it is the one gateway or one of its replicas.</summary>
/// <param name="Redis">Where the gateway keeps what replicas share; none with <c>--no-redis</c> (its own memory then).</param>
public sealed record GatewayInputs(IResourceBuilder<ExecutableResource> Identity, IResourceBuilder<ParameterResource> ClientSecret, DataFolder Data,
    IResourceBuilder<IResourceWithConnectionString>? Redis, IReadOnlyList<IResourceBuilder<IResourceWithServiceDiscovery>> Backends);
