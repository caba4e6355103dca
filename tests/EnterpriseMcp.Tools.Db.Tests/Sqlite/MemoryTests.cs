using System.Diagnostics;
using EnterpriseMcp.Tools.Db.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Db.Tests.Sqlite;

[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryTestsCollection;

/// <summary>Alone in the process, so that its memory is the server's.</summary>
[Collection(nameof(MemoryTests))]
public sealed class MemoryTests
{
    private const long Budget = 64 * 1024 * 1024;

    [Fact]
    public async Task Building_huge_values_and_sorting_big_ones_keeps_the_server_within_64_MB_of_idle()
    {
        await using var server = await DbTestServer.StartAsync(new Dictionary<string, string?> { ["Db:StatementTimeout"] = "00:01:00" });
        foreach (var _ in Enumerable.Range(0, 20))
        {
            await server.CallAsync("get_employee_info", new() { ["employee_id"] = 3 });
        }

        var idle = ResidentBytes();
        var peak = idle;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentBytes());
                await Task.Delay(2, TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken);

        foreach (var sql in HostileInputs.BigValues)
        {
            await server.CallAsync("query", new() { ["sql"] = sql });
        }

        Assert.Equal(2000, (await server.CallAsync("query", new() { ["sql"] = HostileInputs.BigSort })).Rows()[0][0].GetInt32());

        await stop.CancelAsync();
        await sampler;
        var after = ResidentBytes();
        TestContext.Current.TestOutputHelper?.WriteLine($"resident: idle {idle >> 20} MB, peak {peak >> 20} MB, after {after >> 20} MB");
        Assert.InRange(peak - idle, long.MinValue, Budget);
    }

    private static long ResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
