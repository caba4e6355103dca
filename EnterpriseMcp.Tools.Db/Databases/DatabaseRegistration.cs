using EnterpriseMcp.Tools.Db.Configuration;
using EnterpriseMcp.Tools.Db.Databases.Postgres;
using EnterpriseMcp.Tools.Db.Databases.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EnterpriseMcp.Tools.Db.Databases;

internal static class DatabaseRegistration
{
    public const string ConnectionStringName = "db";

    /// <summary>PostgreSQL when <c>ConnectionStrings:db</c> is set, else the embedded SQLite sample database.</summary>
    public static bool UsesPostgres(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName));

    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DbOptions>().BindConfiguration(DbOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DbOptions>, DbOptionsValidator>();
        if (UsesPostgres(builder.Configuration))
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(builder.Configuration.GetConnectionString(ConnectionStringName)!));
            services.AddSingleton<IDatabase, PostgresDatabase>();
        }
        else
        {
            services.AddSingleton<IDatabase, SqliteDatabase>();
            services.AddHostedService<SampleDatasetSetup>();
        }

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>Creates the sample database before the first request can need it.</summary>
    private sealed class SampleDatasetSetup(IOptions<DbOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            SampleDataset.EnsureCreated(options.Value.EmbeddedDatabasePath);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
