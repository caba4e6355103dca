using EnterpriseMcp.Tools.Db.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Db.Tests.Postgres;

/// <summary>The server on a real PostgreSQL, logged in as a role that could write: the read-only transaction must stop it.</summary>
public sealed class PostgresServerTests(PostgresServer postgres) : IAsyncLifetime
{
    private ToolServerHost _server = null!;

    public async ValueTask InitializeAsync() => _server = await DbTestServer.StartAsync(new Dictionary<string, string?>(postgres.ServerSettings())
    {
        ["Db:StatementTimeout"] = "00:00:02",
    });

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task It_lists_tables_describes_them_and_queries_every_common_type()
    {
        var tools = await _server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["describe_table", "explain", "list_tables", "query"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));

        var tables = (await _server.CallAsync("list_tables")).Rows();
        Assert.Contains(tables.EnumerateArray(), r => r[1].GetString() == "customers");
        var columns = (await _server.CallAsync("describe_table", new() { ["name"] = "customers" })).Rows();
        Assert.Equal(["id", "name", "vip", "joined", "notes", "photo"], columns.EnumerateArray().Select(c => c[0].GetString()));
        Assert.True(columns[0][3].GetBoolean());

        var row = (await _server.CallAsync("query", new() { ["sql"] = "SELECT id, name, vip, joined, notes, photo, NULL AS nothing FROM customers WHERE id = 7" })).Rows()[0];
        Assert.Equal(7, row[0].GetInt32());
        Assert.Equal("customer 7", row[1].GetString());
        Assert.True(row[2].GetBoolean());
        Assert.StartsWith("2026-01-08", row[3].GetString());
        Assert.Contains("tier", row[4].GetString());
        Assert.Equal("\\x0102", row[5].GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row[6].ValueKind);

        Assert.Contains("Seq Scan", (await _server.CallAsync("explain", new() { ["sql"] = "SELECT * FROM customers" })).Text());
    }

    [Theory]
    [InlineData("DELETE FROM customers")]
    [InlineData("UPDATE customers SET vip = true")]
    [InlineData("WITH gone AS (DELETE FROM customers RETURNING id) SELECT count(*) FROM gone")]
    [InlineData("SELECT 1; COMMIT; DELETE FROM customers")]
    [InlineData("COMMIT")]
    [InlineData("SELECT nextval('invoice_numbers')")]
    [InlineData("SELECT log_and_count()")]
    [InlineData("COPY customers FROM PROGRAM 'true'")]
    [InlineData("COPY (SELECT 1) TO PROGRAM 'touch /tmp/db-tool-pwned'")]
    [InlineData("CREATE TABLE stolen AS SELECT * FROM customers")]
    public async Task Writes_and_tricks_through_query_are_refused_and_change_nothing(string sql)
    {
        var result = await _server.CallAsync("query", new() { ["sql"] = sql });

        Assert.True(result.IsError, result.Text());
        Assert.DoesNotContain("   at ", result.Text());
        Assert.DoesNotContain("app-password", result.Text());
        Assert.Equal(500, await postgres.CountAsync("SELECT count(*) FROM customers"));
        Assert.Equal(71, await postgres.CountAsync("SELECT count(*) FROM customers WHERE vip"));
        Assert.Equal(0, await postgres.CountAsync("SELECT count(*) FROM audit_log"));
        Assert.Equal(0, await postgres.CountAsync("SELECT count(*) FROM pg_largeobject_metadata"));
        Assert.Equal(0, await postgres.CountAsync("SELECT count(*) FROM pg_class WHERE relname = 'stolen'"));
        Assert.False(File.Exists("/tmp/db-tool-pwned"));
    }

    [Fact]
    public async Task A_large_object_created_in_a_query_is_rolled_back_with_it()
    {
        // PostgreSQL lets lo_create run in a read-only transaction; the rollback that ends every read undoes it.
        await _server.CallAsync("query", new() { ["sql"] = "SELECT lo_create(0)" });

        Assert.Equal(0, await postgres.CountAsync("SELECT count(*) FROM pg_largeobject_metadata"));
    }

    [Fact]
    public async Task A_plain_write_says_the_database_refused_it()
    {
        Assert.Contains("refused a write", (await _server.CallAsync("query", new() { ["sql"] = "DELETE FROM customers" })).Text());
    }

    [Fact]
    public async Task A_statement_past_the_timeout_is_cancelled_on_the_server()
    {
        var result = await _server.CallAsync("query", new() { ["sql"] = "SELECT pg_sleep(30)" });

        Assert.True(result.IsError);
        Assert.Contains("ran longer than 00:00:02", result.Text());
        Assert.Equal(0, await postgres.CountAsync("SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'"));
    }

    [Fact]
    public async Task Rows_beyond_max_rows_are_cut_with_a_notice()
    {
        var result = await _server.CallAsync("query", new() { ["sql"] = "SELECT id FROM customers ORDER BY id", ["max_rows"] = 25 });

        Assert.Equal(25, result.Rows().GetArrayLength());
        Assert.Contains("TRUNCATED", result.Text());
    }

    [Fact]
    public async Task Unknown_tables_and_bad_sql_say_so_plainly()
    {
        Assert.Contains("no table or view named 'nope'", (await _server.CallAsync("describe_table", new() { ["name"] = "nope" })).Text());
        Assert.Contains("relation \"nope\" does not exist", (await _server.CallAsync("query", new() { ["sql"] = "SELECT * FROM nope" })).Text());
        Assert.Contains("syntax error", (await _server.CallAsync("query", new() { ["sql"] = "SELEC 1" })).Text());
    }
}

public sealed class PostgresWritesTests(PostgresServer postgres)
{
    [Fact]
    public async Task With_writes_allowed_execute_commits_and_is_still_bounded_by_the_timeout()
    {
        await postgres.ExecuteAsync("CREATE TABLE IF NOT EXISTS notes (id serial PRIMARY KEY, body text);\nGRANT SELECT, INSERT, UPDATE, DELETE ON notes TO mcp_app;\nGRANT USAGE ON SEQUENCE notes_id_seq TO mcp_app");
        await using var server = await DbTestServer.StartAsync(new Dictionary<string, string?>(postgres.ServerSettings())
        {
            ["Db:AllowWrites"] = "true",
            ["Db:StatementTimeout"] = "00:00:01",
        });

        var done = await server.CallAsync("execute", new() { ["sql"] = "INSERT INTO notes (body) VALUES ('hello'), ('world')" });
        Assert.Contains("2 row(s) changed", done.Text());
        Assert.Equal(2, await postgres.CountAsync("SELECT count(*) FROM notes"));
        Assert.Contains("ran longer than", (await server.CallAsync("execute", new() { ["sql"] = "UPDATE notes SET body = body || pg_sleep(5)::text" })).Text());
        Assert.Equal(0, await postgres.CountAsync("SELECT count(*) FROM notes WHERE body <> 'hello' AND body <> 'world'"));
    }
}
