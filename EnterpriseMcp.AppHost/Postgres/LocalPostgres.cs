using EnterpriseMcp.AppHost.Model;
using EnterpriseMcp.AppHost.Prerequisites;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EnterpriseMcp.AppHost.Postgres;

/// <summary>A local run's PostgreSQL: Debian's server as an executable resource, its cluster in the data folder.</summary>
public static class LocalPostgres
{
    public static IResourceBuilder<ExecutableResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, int port, DataFolder data,
        IResourceBuilder<ParameterResource> appPassword)
    {
        var cluster = new PostgresCluster(data.For(ResourceNames.Postgres), MachineChecks.PostgresPrograms(), port);
        var (program, arguments) = cluster.Server();
        var healthCheck = $"{ResourceNames.Postgres}-accepts-connections";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async cancellationToken =>
        {
            try
            {
                await using var connection = new NpgsqlConnection(cluster.Superuser().ConnectionString);
                await connection.OpenAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception error) when (error is NpgsqlException or IOException or TimeoutException)
            {
                // Also while the server replays its log after a crash: it listens then, but turns logins away.
                return HealthCheckResult.Unhealthy(error.Message);
            }
        });

        return builder.AddExecutable(ResourceNames.Postgres, program, cluster.Folder, arguments)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck(healthCheck)
            // initdb here rather than as a resource of its own that completes: DCP starts nothing before this returns,
            // it runs only when there is no cluster yet, and its output goes to the postgres resource's console.
            .OnBeforeResourceStarted(async (resource, started, cancellationToken) =>
                await cluster.CreateUnlessPresentAsync(Logger(started.Services, resource), cancellationToken))
            // WaitFor(postgres) waits for the handlers of this event too: db starts once its database is there.
            .OnResourceReady(async (resource, ready, cancellationToken) =>
            {
                Logger(ready.Services, resource).LogInformation("Setting up the {Database} database and its roles", DemoDatabase.Name);
                await DemoDatabase.SetUpAsync(cluster.Superuser(), await appPassword.Resource.GetValueAsync(cancellationToken) ?? "", cancellationToken);
            });
    }

    private static ILogger Logger(IServiceProvider services, IResource resource) =>
        services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
}
