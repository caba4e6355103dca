using EnterpriseMcp.AppHost.Resources;

namespace EnterpriseMcp.AppHost.Orchestration;

/// <summary>
/// The system as resources wired to each other: every canonical URI, audience, address and secret that one part must
/// know of another, given in its environment with the keys its own settings and Aspire use.
/// </summary>
public sealed class SystemModel(SystemLayout layout, string dataFolder, IReadOnlyDictionary<string, int> ports, DevelopmentSecrets secrets)
{
    // The tool servers sit behind the gateway: they take only tokens the gateway obtained for them, so that a token
    // another client got for their audience cannot step around the gateway's policy.
    private const string AcceptedClient = "Mcp__Auth__AcceptedClients__0";

    public string BaseUrl(string resource) => $"http://127.0.0.1:{ports[resource]}";

    /// <summary>A resource server's canonical URI: the audience of its tokens (RFC 8707).</summary>
    public string McpUrl(string resource) => BaseUrl(resource) + "/mcp";

    public string Issuer => BaseUrl(ResourceNames.Identity);

    public ResourceDefinition Identity(string node) => new()
    {
        Name = ResourceNames.Identity,
        Program = node,
        Arguments = ["server.mjs", "--port", ports[ResourceNames.Identity].ToString(), "--data", Path.Combine(dataFolder, "identity")],
        WorkingDirectory = layout.ProjectFolder("EnterpriseMcp.Identity"),
        Environment = new Dictionary<string, string>
        {
            ["IDENTITY_RESOURCE_GATEWAY"] = McpUrl(ResourceNames.Gateway),
            ["IDENTITY_RESOURCE_JIRA"] = McpUrl(ResourceNames.Jira),
            ["IDENTITY_RESOURCE_DB"] = McpUrl(ResourceNames.Db),
            ["IDENTITY_CLIENT_SECRET_MCP_GATEWAY"] = secrets[DevelopmentSecrets.GatewayClient],
        },
        Url = new Uri(Issuer),
        HealthUrl = new Uri(Issuer + "/alive"),
    };

    public ResourceDefinition Jira() => Service(ResourceNames.Jira, "EnterpriseMcp.Tools.Jira", [ResourceNames.Identity], new()
    {
        ["Jira__Embedded__DatabasePath"] = Path.Combine(dataFolder, "jira", "jira.db"),
        [AcceptedClient] = DevelopmentSecrets.GatewayClient,
    });

    /// <param name="postgres">The PostgreSQL connection string, or none for the embedded SQLite sample database.</param>
    public ResourceDefinition Db(string? postgres)
    {
        var settings = new Dictionary<string, string>
        {
            ["Db__EmbeddedDatabasePath"] = Path.Combine(dataFolder, "db", "sample.db"),
            [AcceptedClient] = DevelopmentSecrets.GatewayClient,
        };
        if (postgres is not null)
        {
            settings["ConnectionStrings__db"] = postgres;
            settings["Db__ReadOnlyRole"] = Postgres.PostgresDatabase.ReadOnlyRole;
        }

        return Service(ResourceNames.Db, "EnterpriseMcp.Tools.Db",
            postgres is null ? [ResourceNames.Identity] : [ResourceNames.Identity, ResourceNames.Postgres], settings);
    }

    public ResourceDefinition Gateway() => Service(ResourceNames.Gateway, "EnterpriseMcp.Gateway",
        [ResourceNames.Identity, ResourceNames.Jira, ResourceNames.Db], new()
        {
            ["Gateway__Identity__ClientId"] = DevelopmentSecrets.GatewayClient,
            ["Gateway__Identity__ClientSecret"] = secrets[DevelopmentSecrets.GatewayClient],
            ["Gateway__Backends__jira__Prefix"] = ResourceNames.Jira,
            ["Gateway__Backends__db__Prefix"] = ResourceNames.Db,
            ["services__jira__http__0"] = BaseUrl(ResourceNames.Jira),
            ["services__db__http__0"] = BaseUrl(ResourceNames.Db),
        });

    /// <summary>An ASP.NET Core service of ours: run from its build, in its project folder (as <c>dotnet run</c> would), checked on <c>/health</c>.</summary>
    private ResourceDefinition Service(string name, string project, IReadOnlyList<string> dependsOn, Dictionary<string, string> settings)
    {
        Directory.CreateDirectory(Path.Combine(dataFolder, name));
        settings["Mcp__Auth__Authority"] = Issuer;
        settings["Mcp__Auth__Resource"] = McpUrl(name);
        settings["OTEL_SERVICE_NAME"] = name;
        return new ResourceDefinition
        {
            Name = name,
            Program = layout.Dotnet,
            Arguments = [layout.Assembly(project), "--urls", BaseUrl(name)],
            WorkingDirectory = layout.ProjectFolder(project),
            Environment = settings,
            Url = new Uri(BaseUrl(name)),
            HealthUrl = new Uri(BaseUrl(name) + "/health"),
            DependsOn = dependsOn,
        };
    }
}
