using System.Diagnostics;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using EnterpriseMcp.AppHost.Model;
using EnterpriseMcp.AppHost.Postgres;
using EnterpriseMcp.AppHost.Prerequisites;
using EnterpriseMcp.AppHost.Tests.Infrastructure;
using EnterpriseMcp.Login;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Npgsql;

namespace EnterpriseMcp.AppHost.Tests.Postgres;

/// <summary>The Db tool server on a PostgreSQL server the AppHost runs from Debian's programs, its cluster in the data folder.</summary>
public sealed class PostgresOptionTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_the_postgres_option_db_query_reads_the_demo_tables_and_stopping_leaves_no_postgres_process()
    {
        // Not CreateTempSubdirectory (mode 700): as root, PostgreSQL runs as the postgres user, who must reach its cluster in there.
        var data = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"apphost-postgres-{Guid.NewGuid():N}")).FullName;
        var appPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        string[] arguments = [.. AspireSystem.Arguments(data), "--postgres", $"--Parameters:{DbOnPostgres.AppPassword}={appPassword}"];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.EnterpriseMcp_AppHost>(arguments, Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        IReadOnlyList<int> postgresProcesses;
        // Still connected when the AppHost stops, as a developer's psql might be: PostgreSQL's smart shutdown would wait for it.
        await using var connected = new NpgsqlConnection();
        await using (var app = await builder.BuildAsync(Token))
        {
            await app.StartAsync(Token).WaitAsync(StartTimeout, Token);
            foreach (var resource in new[] { ResourceNames.Postgres, ResourceNames.Identity, ResourceNames.Db, ResourceNames.Gateway })
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, Token).WaitAsync(StartTimeout, Token);
            }

            var postmaster = int.Parse(File.ReadLines(Path.Combine(data, ResourceNames.Postgres, "cluster", "postmaster.pid")).First());
            postgresProcesses = [postmaster, .. ProcessTable.Descendants(postmaster)];

            var gateway = new Uri(app.GetEndpoint(ResourceNames.Gateway, "http"), "/mcp");
            var issuer = app.GetEndpoint(ResourceNames.Identity, "http").ToString().TrimEnd('/');
            var users = DevelopmentUsers.Load(Path.Combine(SystemModel.IdentityFolder, "identity.json"));
            var token = await DevelopmentLogin.TokenAsync(issuer, "bob", users.Password("bob"), DevelopmentLogin.AllScopes, gateway.ToString(), Token);
            await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = gateway,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            }), cancellationToken: Token);

            var customers = await client.CallToolAsync("db__query",
                new Dictionary<string, object?> { ["sql"] = "SELECT c.name, count(o.id) AS orders FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name" },
                cancellationToken: Token);
            Assert.NotEqual(true, customers.IsError);
            Assert.Equal(4, customers.StructuredContent?.GetProperty("row_count").GetInt32());
            var text = string.Join('\n', customers.Content.OfType<TextContentBlock>().Select(block => block.Text));
            Assert.Contains("Tailspin Toys", text);
            Assert.Contains("Northwind Traders", text);

            connected.ConnectionString = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = app.GetEndpoint(ResourceNames.Postgres, "tcp").Port, Database = DemoDatabase.Name,
                Username = DemoDatabase.AppRole, Password = appPassword, Pooling = false,
            }.ConnectionString;
            await connected.OpenAsync(Token);
        }

        Assert.All(postgresProcesses, id => Assert.False(ProcessTable.IsRunning(id), $"postgres process {id} ({ProcessTable.CommandLine(id)}) outlived the AppHost"));
        Assert.Empty(ProcessTable.Mentioning(data));
        // Killed instead, it would say "in production" and the next start would recover the cluster.
        Assert.Contains("shut down", ClusterState(Path.Combine(data, ResourceNames.Postgres, "cluster")));
        Directory.Delete(data, recursive: true);
    }

    private static string ClusterState(string cluster)
    {
        using var controlData = Process.Start(new ProcessStartInfo(Path.Combine(MachineChecks.PostgresPrograms(), "pg_controldata"), [cluster])
        {
            RedirectStandardOutput = true,
            Environment = { ["LC_ALL"] = "C" },
        })!;
        var output = controlData.StandardOutput.ReadToEnd();
        controlData.WaitForExit();
        return output.Split('\n').FirstOrDefault(line => line.StartsWith("Database cluster state:", StringComparison.Ordinal)) ?? output;
    }
}
