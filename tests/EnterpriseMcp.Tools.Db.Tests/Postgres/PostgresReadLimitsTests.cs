using EnterpriseMcp.Tools.Db.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Db.Tests.Postgres;

/// <summary>
/// Row and byte caps hold while rows are read: a huge value is cut before it is in memory, and a result with endless
/// rows stops at the cap instead of running until the statement timeout.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class PostgresReadLimitsTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private ToolServerHost _server = null!;

    public async ValueTask InitializeAsync() => _server = await DbTestServer.StartAsync(new Dictionary<string, string?>(postgres.ServerSettings())
    {
        ["Db:StatementTimeout"] = "00:00:30",
    });

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Theory]
    [InlineData("SELECT repeat('x', 40000000) AS big")]
    [InlineData("SELECT decode(repeat('ab', 20000000), 'hex') AS big")]
    [InlineData("SELECT array_agg(repeat('x', 1000)) AS big FROM generate_series(1, 40000)")]
    [InlineData("SELECT jsonb_build_object('k', repeat('x', 40000000)) AS big")]
    public async Task A_40_MB_value_is_cut_with_a_notice_without_holding_it_in_memory(string sql)
    {
        await _server.CallAsync("query", new() { ["sql"] = "SELECT 1" });
        var (result, growth, allocated) = await MeasureAsync(() => _server.CallAsync("query", new() { ["sql"] = sql }));

        output.WriteLine($"{sql}: peak RSS +{growth / (1024 * 1024)} MB, allocated {allocated / (1024 * 1024)} MB");
        var value = Assert.Single(result.Rows().EnumerateArray())[0].GetString()!;
        Assert.InRange(value.Length, 1000, 256 * 1024 + 1);
        Assert.EndsWith("…", value);
        Assert.True(result.Structured().GetProperty("truncated").GetBoolean());
        Assert.Contains("TRUNCATED", result.Text());
        // The high-water mark is updated lazily, so a call that held nothing can read slightly below the level before it.
        Assert.InRange(growth, long.MinValue, 64L * 1024 * 1024);
    }

    [Fact]
    public async Task A_billion_row_cross_join_answers_with_the_first_rows_not_the_timeout()
    {
        var (result, growth, allocated) = await MeasureAsync(() => _server.CallAsync("query", new()
        {
            ["sql"] = "SELECT a.i, b.j FROM generate_series(1, 100000) AS a(i), generate_series(1, 10000) AS b(j)",
        }));

        output.WriteLine($"cross join: peak RSS +{growth / (1024 * 1024)} MB, allocated {allocated / (1024 * 1024)} MB");
        Assert.Equal(100, result.Rows().GetArrayLength());
        Assert.Contains("only the first 100 rows", result.Text());
        Assert.Equal(0, await postgres.CountAsync("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%generate_series(1, 100000)%' AND state = 'active' AND pid <> pg_backend_pid()"));
    }

    [Fact]
    public async Task Wide_rows_stop_at_the_byte_cap_counting_what_is_rendered()
    {
        var result = await _server.CallAsync("query", new() { ["sql"] = "SELECT decode(repeat('ab', 1000), 'hex') AS photo FROM generate_series(1, 1000)", ["max_rows"] = 1000 });

        // Each value renders as \x and 2000 hex digits: about 131 of them fill 256 KiB, and the last one shown is cut.
        var rows = result.Rows();
        Assert.InRange(rows.GetArrayLength(), 125, 135);
        Assert.Equal(2002, rows[0][0].GetString()!.Length);
        Assert.EndsWith("…", rows[rows.GetArrayLength() - 1][0].GetString());
        Assert.Contains("262144 bytes", result.Text());
    }

    /// <summary>Peak resident memory above the level before the call (Linux's VmHWM, reset first), and bytes allocated.</summary>
    private static async Task<(T Result, long Growth, long Allocated)> MeasureAsync<T>(Func<Task<T>> call)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        await File.WriteAllTextAsync("/proc/self/clear_refs", "5", TestContext.Current.CancellationToken);
        var before = Status("VmRSS");
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var result = await call();
        return (result, Status("VmHWM") - before, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
    }

    private static long Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>Tests that measure this process's memory run alone.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;
