namespace EnterpriseMcp.AppHost.Model;

/// <summary>
/// The resources' names. A name is also the key of its service-discovery settings (<c>services__jira__http__0</c>), of
/// the gateway's backend (<c>Gateway:Backends:jira</c>) and of its resource in identity.json
/// (<c>IDENTITY_RESOURCE_JIRA</c>), so it must not change on its own.
/// </summary>
public static class ResourceNames
{
    public const string Identity = "identity";
    public const string Gateway = "gateway";
    public const string Db = "db";
    public const string Jira = "jira";
    public const string Postgres = "postgres";
    public const string Redis = "redis";
    public const string Prometheus = "prometheus";

    /// <summary>The gateway's replicas with <c>--replicas N</c>, behind nginx, which then takes the name <see cref="Gateway"/>.</summary>
    public static string GatewayReplica(int number) => $"{Gateway}-{number}";

    /// <summary>The gateway's confidential client at the identity server, the one client the tool servers accept tokens from.</summary>
    public const string GatewayClient = "mcp-gateway";

    /// <summary>The parameter holding that client's secret: generated once and kept in the AppHost's user secrets.</summary>
    public const string GatewayClientSecret = "gateway-client-secret";
}
