using EnterpriseMcp.Tools.Db.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Db.Tests.Postgres;

/// <summary>A caller sending every hostile input in a loop for a minute does not stop another caller's reads.</summary>
public sealed class PostgresHostileCallerTests(PostgresServer postgres)
{
    private static readonly (string Tool, string Sql)[] Hostile =
    [
        ("query", "SELECT repeat('x', 40000000)"),
        ("query", "SELECT a.i, b.j FROM generate_series(1, 100000) AS a(i), generate_series(1, 10000) AS b(j)"),
        ("query", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"),
        ("query", "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"),
        ("query", $"SELECT set_config('role', '{PostgresServer.AppRole}', true), pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"),
        ("explain", "ANALYZE SELECT pg_sleep(2)"),
        ("explain", "(ANALYZE) SELECT pg_sleep(2)"),
        ("explain", "SELECT 1; SELECT pg_sleep(10)"),
    ];

    [Fact]
    public async Task Another_callers_reads_keep_succeeding_while_one_caller_is_hostile_for_a_minute()
    {
        await using var server = await DbTestServer.StartAsync(new Dictionary<string, string?>(postgres.ServerSettings())
        {
            ["Db:StatementTimeout"] = "00:00:30",
        });
        using var minute = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        minute.CancelAfter(TimeSpan.FromSeconds(60));

        var hostileCalls = 0;
        var hostile = Task.Run(async () =>
        {
            while (!minute.IsCancellationRequested)
            {
                var (tool, sql) = Hostile[hostileCalls++ % Hostile.Length];
                await server.CallAsync(tool, new() { ["sql"] = sql });
            }
        }, TestContext.Current.CancellationToken);

        var failures = new List<string>();
        var reads = 0;
        while (!minute.IsCancellationRequested)
        {
            var result = await server.CallAsync("query", new() { ["sql"] = "SELECT count(*) FROM customers WHERE vip" });
            reads++;
            if (result.IsError == true || result.Rows()[0][0].GetInt32() != 71)
            {
                failures.Add(result.Text());
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        await hostile;
        Assert.Empty(failures);
        Assert.InRange(reads, 20, int.MaxValue);
        Assert.InRange(hostileCalls, Hostile.Length, int.MaxValue);
    }
}
