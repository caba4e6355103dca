using EnterpriseMcp.AppHost.Model;

namespace EnterpriseMcp.AppHost.Postgres;

/// <summary>The <c>--postgres</c> option: the Db tool server reads PostgreSQL instead of its embedded SQLite database.</summary>
public static class DbOnPostgres
{
    /// <summary>The password of the login the Db tool server connects as: generated once and kept in the AppHost's user secrets.</summary>
    public const string AppPassword = "postgres-app-password";

    /// <param name="port">The port of a local run's server; a deployment's container has its own.</param>
    public static IResourceBuilder<IResourceWithServiceDiscovery> WithPostgres(this IResourceBuilder<IResourceWithServiceDiscovery> db, int port, DataFolder data)
    {
        var builder = db.ApplicationBuilder;
        var appPassword = builder.AddParameter(AppPassword, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        ReferenceExpression connectionString;
        IResourceBuilder<IResource> postgres;
        if (builder.ExecutionContext.IsRunMode)
        {
            postgres = builder.AddLocalPostgres(port, data, appPassword);
            connectionString = ReferenceExpression.Create(
                $"Host=127.0.0.1;Port={port.ToString()};Database={DemoDatabase.Name};Username={DemoDatabase.AppRole};Password={appPassword.Resource}");
        }
        else
        {
            var container = builder.AddPostgresContainer(appPassword);
            var endpoint = container.GetEndpoint("tcp");
            postgres = container;
            connectionString = ReferenceExpression.Create(
                $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Database={DemoDatabase.Name};Username={DemoDatabase.AppRole};Password={appPassword.Resource}");
        }

        db.As<IResourceWithEnvironment>()
            .WithEnvironment("ConnectionStrings__db", connectionString)
            .WithEnvironment("Db__ReadOnlyRole", DemoDatabase.ReadRole);
        db.As<IResourceWithWaitSupport>().WaitFor(postgres);
        return db;
    }
}
