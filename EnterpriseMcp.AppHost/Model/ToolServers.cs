namespace EnterpriseMcp.AppHost.Model;

public static class ToolServers
{
    public static IResourceBuilder<IResourceWithServiceDiscovery> AddJira(this IDistributedApplicationBuilder builder, int port,
        IResourceBuilder<ExecutableResource> identity, DataFolder data)
    {
        var jira = builder.AddMcpService<Projects.EnterpriseMcp_Tools_Jira>(ResourceNames.Jira, port, identity)
            .AcceptingOnlyTheGateway();
        if (builder.ExecutionContext.IsRunMode)
        {
            jira.As<IResourceWithEnvironment>()
                .WithEnvironment("Jira__Embedded__DatabasePath", Path.Combine(data.For(ResourceNames.Jira), "jira.db"));
        }

        return jira;
    }

    public static IResourceBuilder<IResourceWithServiceDiscovery> AddDb(this IDistributedApplicationBuilder builder, int port,
        IResourceBuilder<ExecutableResource> identity, DataFolder data)
    {
        var db = builder.AddMcpService<Projects.EnterpriseMcp_Tools_Db>(ResourceNames.Db, port, identity)
            .AcceptingOnlyTheGateway();
        if (builder.ExecutionContext.IsRunMode)
        {
            db.As<IResourceWithEnvironment>()
                .WithEnvironment("Db__EmbeddedDatabasePath", Path.Combine(data.For(ResourceNames.Db), "sample.db"));
        }

        return db;
    }
}
