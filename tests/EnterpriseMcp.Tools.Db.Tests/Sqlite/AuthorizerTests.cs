using EnterpriseMcp.Tools.Db.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Db.Tests.Sqlite;

/// <summary>Reads may select, and nothing else: no PRAGMA that changes a connection or the process, no ATTACH, no extensions.</summary>
public sealed class AuthorizerTests : IAsyncLifetime
{
    private ToolServerHost _server = null!;

    public async ValueTask InitializeAsync() => _server = await DbTestServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Theory]
    [InlineData("query", "PRAGMA hard_heap_limit = 100000", "PRAGMA hard_heap_limit")]
    [InlineData("query", "PRAGMA soft_heap_limit = 100000", "PRAGMA soft_heap_limit")]
    [InlineData("query", "SELECT * FROM pragma_hard_heap_limit", "PRAGMA hard_heap_limit")]
    [InlineData("query", "PRAGMA reverse_unordered_selects = 1", "PRAGMA reverse_unordered_selects")]
    [InlineData("query", "PRAGMA query_only = 0", "PRAGMA query_only")]
    [InlineData("query", "PRAGMA cache_size = -1000000", "PRAGMA cache_size")]
    [InlineData("query", "PRAGMA mmap_size = 1000000000", "PRAGMA mmap_size")]
    [InlineData("query", "PRAGMA writable_schema = 1", "PRAGMA writable_schema")]
    [InlineData("query", "PRAGMA temp_store_directory = '.'", "PRAGMA temp_store_directory")]
    [InlineData("explain", "PRAGMA hard_heap_limit = 100000", "PRAGMA hard_heap_limit")]
    [InlineData("query", "ATTACH DATABASE ':memory:' AS other", "ATTACH")]
    [InlineData("query", "DETACH DATABASE main", "DETACH")]
    [InlineData("query", "SELECT load_extension('libm.so.6')", "load_extension")]
    [InlineData("query", "SELECT fts3_tokenizer('simple')", "fts3_tokenizer")]
    public async Task What_a_read_does_not_need_is_refused_by_name_and_others_read_on(string tool, string sql, string refused)
    {
        var hardLimit = SQLitePCL.raw.sqlite3_hard_heap_limit64(-1);
        var softLimit = SQLitePCL.raw.sqlite3_soft_heap_limit64(-1);
        try
        {
            var result = await _server.CallAsync(tool, new() { ["sql"] = sql });

            Assert.True(result.IsError, result.Text());
            Assert.Contains($"{refused} is not allowed", result.Text());
            var rows = (await _server.CallAsync("query", new() { ["sql"] = "SELECT name FROM employees WHERE id = 3" })).Rows();
            Assert.Equal("Chloe Martin", rows[0][0].GetString());
        }
        finally
        {
            // Without the fix these are process-wide: put them back so other tests in this process are not broken too.
            SQLitePCL.raw.sqlite3_hard_heap_limit64(hardLimit);
            SQLitePCL.raw.sqlite3_soft_heap_limit64(softLimit);
        }
    }

    [Fact]
    public async Task Execute_writes_but_may_not_change_the_process_or_attach()
    {
        await using var server = await DbTestServer.StartAsync(new Dictionary<string, string?> { ["Db:AllowWrites"] = "true" });
        var hardLimit = SQLitePCL.raw.sqlite3_hard_heap_limit64(-1);
        try
        {
            Assert.Contains("PRAGMA hard_heap_limit is not allowed",
                (await server.CallAsync("execute", new() { ["sql"] = "PRAGMA hard_heap_limit = 100000" })).Text());
            Assert.Contains("ATTACH is not allowed",
                (await server.CallAsync("execute", new() { ["sql"] = "ATTACH DATABASE 'copy.db' AS copy" })).Text());
            Assert.Contains("1 row(s) changed",
                (await server.CallAsync("execute", new() { ["sql"] = "UPDATE employees SET title = 'CTO' WHERE id = 1" })).Text());
        }
        finally
        {
            SQLitePCL.raw.sqlite3_hard_heap_limit64(hardLimit);
        }
    }

    [Fact]
    public async Task A_pragma_one_caller_sends_does_not_change_the_rows_of_the_next()
    {
        await _server.CallAsync("query", new() { ["sql"] = "PRAGMA reverse_unordered_selects = 1" });

        for (var i = 0; i < 3; i++)
        {
            var ids = (await _server.CallAsync("query", new() { ["sql"] = "SELECT id FROM employees" })).Rows();
            Assert.Equal(Enumerable.Range(1, 10), ids.EnumerateArray().Select(row => row[0].GetInt32()));
        }
    }

    [Theory]
    [InlineData("PRAGMA table_info(employees)")]
    [InlineData("SELECT name FROM pragma_table_xinfo('employees')")]
    [InlineData("SELECT name FROM pragma_index_list('employees')")]
    [InlineData("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3) SELECT sum(x) FROM n")]
    public async Task Reading_the_schema_and_recursive_queries_still_answer(string sql)
    {
        var result = await _server.CallAsync("query", new() { ["sql"] = sql });

        Assert.True(result.IsError != true, result.Text());
    }
}
