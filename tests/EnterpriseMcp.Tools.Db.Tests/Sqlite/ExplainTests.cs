using EnterpriseMcp.Tools.Db.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Db.Tests.Sqlite;

/// <summary><c>explain</c> plans exactly one statement and runs nothing.</summary>
public sealed class ExplainTests : IAsyncLifetime
{
    private ToolServerHost _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await DbTestServer.StartAsync(new Dictionary<string, string?> { ["Db:StatementTimeout"] = "00:00:30" });

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Theory]
    [InlineData("SELECT 1; " + HostileInputs.EndlessQuery)]
    [InlineData("SELECT 1; DELETE FROM employees")]
    [InlineData("SELECT 1;; SELECT 2")]
    public async Task A_second_statement_is_refused_and_nothing_runs(string sql)
    {
        // Had anything run, the endless query would have ended in the 30 s timeout's error instead.
        var result = await _server.CallAsync("explain", new() { ["sql"] = sql });

        Assert.True(result.IsError, result.Text());
        Assert.Contains("explain takes exactly one statement", result.Text());
    }

    [Theory]
    [InlineData(HostileInputs.EndlessQuery)]
    [InlineData(HostileInputs.EndlessQuery + ";  -- one statement, a semicolon and a comment")]
    public async Task An_endless_query_gets_its_plan_without_running(string sql)
    {
        var result = await _server.CallAsync("explain", new() { ["sql"] = sql });

        Assert.True(result.IsError != true, result.Text());
        Assert.Contains("SCAN n", result.Text());
    }
}
