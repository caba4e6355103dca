namespace EnterpriseMcp.AppHost.Postgres;

/// <summary>
/// PostgreSQL in a deployment: the official image, its data on a named volume. The image's first start runs the
/// scripts in <c>/docker-entrypoint-initdb.d</c>; ours comes in an environment variable, so the manifest carries
/// no file of this machine, and reads the login's password from the environment (psql's <c>\getenv</c>).
/// </summary>
public static class PostgresContainer
{
    public const string SuperuserPassword = "postgres-password";

    private const string Setup = $"""
        \getenv app_password MCP_APP_PASSWORD
        CREATE ROLE {DemoDatabase.AppRole} LOGIN PASSWORD :'app_password';
        {DemoDatabase.Tables}
        {DemoDatabase.ReadRoleSetup}
        """;

    public static IResourceBuilder<ContainerResource> AddPostgresContainer(this IDistributedApplicationBuilder builder,
        IResourceBuilder<ParameterResource> appPassword)
    {
        var superuser = builder.AddParameter(SuperuserPassword, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        return builder.AddContainer(Model.ResourceNames.Postgres, "postgres", "17")
            .WithEndpoint(targetPort: 5432, scheme: "tcp", name: "tcp")
            .WithEnvironment("POSTGRES_PASSWORD", superuser)
            .WithEnvironment("POSTGRES_DB", DemoDatabase.Name)
            .WithEnvironment("MCP_APP_PASSWORD", appPassword)
            .WithEnvironment("ENTERPRISE_MCP_SETUP", Setup)
            .WithEntrypoint("bash")
            .WithArgs("-c", """printf '%s\n' "$ENTERPRISE_MCP_SETUP" > /docker-entrypoint-initdb.d/enterprise-mcp.sql && exec docker-entrypoint.sh postgres""")
            .WithVolume("enterprise-mcp-postgres", "/var/lib/postgresql/data");
    }
}
