using EnterpriseMcp.Tools.Db.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Db.Tests.Postgres;

/// <summary><c>explain</c> plans exactly one statement and never runs it, whatever options the caller's text starts with.</summary>
public sealed class PostgresExplainTests(PostgresServer postgres) : IAsyncLifetime
{
    private ToolServerHost _server = null!;

    public async ValueTask InitializeAsync() => _server = await DbTestServer.StartAsync(postgres.ServerSettings());

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Theory]
    [InlineData("ANALYZE SELECT pg_sleep(2)")]
    [InlineData("ANALYZE VERBOSE SELECT pg_sleep(2)")]
    [InlineData("(ANALYZE) SELECT pg_sleep(2)")]
    [InlineData("(ANALYZE true, TIMING false) SELECT pg_sleep(2)")]
    [InlineData("(ANALYZE, FORMAT JSON) SELECT pg_sleep(2)")]
    [InlineData("analyse select pg_sleep(2)")]
    public async Task Options_in_the_callers_text_cannot_make_explain_run_the_statement(string sql)
    {
        var result = await _server.CallAsync("explain", new() { ["sql"] = sql });

        Assert.DoesNotContain("actual", result.Text(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Execution Time", result.Text(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Execution Time", result.StructuredContent?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_statement_is_planned_not_run()
    {
        var result = await _server.CallAsync("explain", new() { ["sql"] = "SELECT pg_sleep(2), * FROM customers" });

        Assert.Contains("Seq Scan", result.Text());
        Assert.DoesNotContain("actual", result.Text(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Text_with_two_statements_is_refused_plainly()
    {
        var result = await _server.CallAsync("explain", new() { ["sql"] = "SELECT 1; SELECT pg_sleep(10)" });

        Assert.True(result.IsError);
        Assert.Contains("one statement", result.Text());
    }
}
