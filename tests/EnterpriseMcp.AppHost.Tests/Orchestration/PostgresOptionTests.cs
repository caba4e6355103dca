using EnterpriseMcp.AppHost.Orchestration;
using EnterpriseMcp.AppHost.Tests.Infrastructure;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.AppHost.Tests.Orchestration;

/// <summary>The Db tool server on a real PostgreSQL that the AppHost starts in its data folder (Debian's postgresql).</summary>
public sealed class PostgresOptionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_the_PostgreSQL_option_db_query_reads_the_demo_tables_and_stopping_leaves_no_server()
    {
        // Not CreateTempSubdirectory (mode 700): as root, PostgreSQL runs as the postgres user, who must reach its cluster in there.
        var data = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"apphost-postgres-{Guid.NewGuid():N}")).FullName;
        await using (var system = await EnterpriseMcpSystem.StartAsync(new SystemOptions { DataFolder = data, Ports = SystemOptions.FreePorts, Postgres = true }, Token))
        {
            Assert.Contains(system.Resources, status => status.Name == ResourceNames.Postgres);
            await using var client = await McpClients.WithTokenAsync(system, await system.LoginAsync("alice", cancellationToken: Token));

            var customers = await client.CallToolAsync("db__query", new Dictionary<string, object?> { ["sql"] = "SELECT count(*) AS n FROM customers" }, cancellationToken: Token);
            Assert.NotEqual(true, customers.IsError);
            Assert.Contains("4", string.Join('\n', customers.Content.OfType<TextContentBlock>().Select(block => block.Text)));

            var write = await client.CallToolAsync("db__query", new Dictionary<string, object?> { ["sql"] = "DELETE FROM orders" }, cancellationToken: Token);
            Assert.True(write.IsError, "a write through db__query was not refused");
        }

        Assert.Empty(ProcessTable.Mentioning(data));
        Directory.Delete(data, recursive: true);
    }
}
