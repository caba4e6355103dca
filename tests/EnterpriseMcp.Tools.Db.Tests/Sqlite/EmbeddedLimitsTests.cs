using EnterpriseMcp.Tools.Db.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Db.Tests.Sqlite;

public sealed class EmbeddedLimitsTests
{
    [Fact]
    public async Task A_statement_past_the_timeout_is_stopped()
    {
        await using var server = await DbTestServer.StartAsync(new Dictionary<string, string?> { ["Db:StatementTimeout"] = "00:00:01" });

        var result = await server.CallAsync("query", new() { ["sql"] = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n" });

        Assert.True(result.IsError);
        Assert.Contains("ran longer than 00:00:01", result.Text());
    }

    [Fact]
    public async Task A_result_larger_than_the_byte_cap_is_cut_with_a_notice()
    {
        await using var server = await DbTestServer.StartAsync(new Dictionary<string, string?> { ["Db:MaxResultBytes"] = "2048" });

        var result = await server.CallAsync("query", new() { ["sql"] = "SELECT body FROM documents, employees", ["max_rows"] = 1000 });

        Assert.InRange(result.Rows().GetArrayLength(), 1, 59);
        Assert.Contains("exceeds 2048 bytes", result.Text());
    }

    [Fact]
    public async Task Execute_exists_only_when_writes_are_allowed_and_then_writes()
    {
        await using var server = await DbTestServer.StartAsync(new Dictionary<string, string?> { ["Db:AllowWrites"] = "true" });

        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var execute = Assert.Single(tools, t => t.Name == "execute");
        Assert.True(execute.ProtocolTool.Annotations?.DestructiveHint);
        var done = await server.CallAsync("execute", new() { ["sql"] = "UPDATE employees SET title = 'Principal Engineer' WHERE id = 2" });
        Assert.Contains("1 row(s) changed", done.Text());
        var title = (await server.CallAsync("query", new() { ["sql"] = "SELECT title FROM employees WHERE id = 2" })).Rows();
        Assert.Equal("Principal Engineer", title[0][0].GetString());
        Assert.True((await server.CallAsync("query", new() { ["sql"] = "DELETE FROM employees" })).IsError);
    }

    [Fact]
    public async Task A_wrong_setting_stops_start_up_naming_the_key()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            DbTestServer.StartAsync(new Dictionary<string, string?> { ["Db:DefaultMaxRows"] = "5000" }));

        Assert.Contains("Db:DefaultMaxRows", failure.Message);
    }
}
