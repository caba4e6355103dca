using EnterpriseMcp.Tools.Db.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace EnterpriseMcp.Tools.Db.Tests.Sqlite;

public sealed class HostileCallerTests
{
    [Fact]
    public async Task Another_callers_reads_keep_answering_while_one_caller_sends_hostile_sql_for_a_minute()
    {
        await using var server = await DbTestServer.StartAsync(new Dictionary<string, string?> { ["Db:StatementTimeout"] = "00:00:02" });
        await using var other = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(server.BaseAddress, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }), cancellationToken: TestContext.Current.CancellationToken);
        using var minute = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        minute.CancelAfter(TimeSpan.FromSeconds(60));

        var hostile = Task.Run(async () =>
        {
            var sent = 0;
            while (!minute.IsCancellationRequested)
            {
                var (tool, sql) = HostileInputs.All[sent++ % HostileInputs.All.Count];
                await server.CallAsync(tool, new() { ["sql"] = sql });
            }

            return sent;
        });

        var answered = 0;
        while (!minute.IsCancellationRequested)
        {
            var chloe = await other.CallToolAsync("get_employee_info", new Dictionary<string, object?> { ["employee_id"] = 3 },
                cancellationToken: TestContext.Current.CancellationToken);
            Assert.Contains("Chloe Martin", chloe.Text());
            var ids = (await other.CallToolAsync("query", new Dictionary<string, object?> { ["sql"] = "SELECT id FROM employees" },
                cancellationToken: TestContext.Current.CancellationToken)).Rows();
            Assert.Equal(Enumerable.Range(1, 10), ids.EnumerateArray().Select(row => row[0].GetInt32()));
            answered += 2;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var sent = await hostile;
        TestContext.Current.TestOutputHelper?.WriteLine($"{answered} normal calls answered while {sent} hostile calls were sent");
        Assert.True(sent >= HostileInputs.All.Count, $"only {sent} hostile calls were sent");
        Assert.True(answered >= 100, $"only {answered} normal calls answered");
    }
}
