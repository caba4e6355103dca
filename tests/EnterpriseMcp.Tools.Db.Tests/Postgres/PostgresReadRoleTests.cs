using EnterpriseMcp.Tools.Db.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Db.Tests.Postgres;

/// <summary>
/// Every caller reaches PostgreSQL through the same login; reads run as <c>Db:ReadOnlyRole</c>, which does not have
/// the login's privileges, so one caller can neither read nor stop another's statement, nor switch back to the login.
/// </summary>
public sealed class PostgresReadRoleTests(PostgresServer postgres)
{
    private const string SleeperMarker = "sleeper-7f3a";

    [Fact]
    public async Task One_caller_can_neither_see_nor_stop_another_callers_statement()
    {
        await using var server = await DbTestServer.StartAsync(new Dictionary<string, string?>(postgres.ServerSettings())
        {
            ["Db:StatementTimeout"] = "00:00:30",
        });
        var sleeper = server.CallAsync("query", new() { ["sql"] = $"SELECT true AS slept, '{SleeperMarker}' AS marker FROM pg_sleep(5)" });
        var pid = await SleeperPidAsync();

        var seen = await server.CallAsync("query", new() { ["sql"] = $"SELECT query FROM pg_stat_activity WHERE pid = {pid}" });
        Assert.Equal("<insufficient privilege>", seen.Rows()[0][0].GetString());
        foreach (var attempt in new[]
        {
            $"SELECT pg_cancel_backend({pid})",
            $"SELECT pg_terminate_backend({pid})",
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()",
            $"SELECT set_config('role', '{PostgresServer.AppRole}', true), pg_terminate_backend({pid})",
            $"SELECT set_config('session_authorization', '{PostgresServer.AppRole}', true), pg_cancel_backend({pid})",
            $"DO $$ BEGIN SET LOCAL ROLE {PostgresServer.AppRole}; PERFORM pg_terminate_backend({pid}); END $$",
            $"SELECT query FROM pg_stat_activity, LATERAL set_config('role', '{PostgresServer.AppRole}', true) WHERE pid = {pid}",
        })
        {
            var result = await server.CallAsync("query", new() { ["sql"] = attempt });
            Assert.True(result.IsError, $"{attempt}: {result.Text()}");
            Assert.DoesNotContain(SleeperMarker, result.Text());
        }

        var slept = await sleeper;
        Assert.True(slept.Rows()[0][0].GetBoolean(), slept.Text());
        Assert.Equal(SleeperMarker, slept.Rows()[0][1].GetString());
    }

    [Fact]
    public async Task Without_a_read_role_reads_are_refused_naming_the_setting()
    {
        await using var server = await DbTestServer.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:db"] = postgres.AppConnectionString });

        var result = await server.CallAsync("query", new() { ["sql"] = "SELECT 1" });

        Assert.True(result.IsError);
        Assert.Contains("Db:ReadOnlyRole", result.Text());
    }

    [Fact]
    public async Task Without_a_read_role_reads_run_when_a_shared_role_is_accepted_explicitly()
    {
        await using var server = await DbTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:db"] = postgres.AppConnectionString,
            ["Db:RequireReadOnlyRole"] = "false",
        });

        Assert.Equal(1, (await server.CallAsync("query", new() { ["sql"] = "SELECT 1" })).Rows()[0][0].GetInt32());
    }

    [Fact]
    public async Task A_read_role_that_could_switch_back_to_the_login_is_refused_with_what_to_revoke()
    {
        await postgres.ExecuteAsync("""
            CREATE ROLE mcp_weak_reader NOLOGIN;
            GRANT mcp_weak_reader TO mcp_app;
            GRANT EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) TO mcp_weak_reader;
            GRANT USAGE ON LANGUAGE plpgsql TO mcp_weak_reader
            """);
        await using var server = await DbTestServer.StartAsync(new Dictionary<string, string?>(postgres.ServerSettings())
        {
            ["Db:ReadOnlyRole"] = "mcp_weak_reader",
        });

        var result = await server.CallAsync("query", new() { ["sql"] = "SELECT 1" });

        Assert.True(result.IsError);
        Assert.Contains("Db:ReadOnlyRole", result.Text());
        Assert.Contains("set_config", result.Text());
        Assert.Contains("plpgsql", result.Text());
    }

    private async Task<long> SleeperPidAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            // The rows come through a cursor, so the sleeper's backend is busy with a FETCH, waiting in pg_sleep.
            var pid = await postgres.CountAsync($"SELECT coalesce(max(pid), 0) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND usename = '{PostgresServer.AppRole}'");
            if (pid != 0)
            {
                return pid;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException("The sleeping query never showed up in pg_stat_activity.");
    }
}
