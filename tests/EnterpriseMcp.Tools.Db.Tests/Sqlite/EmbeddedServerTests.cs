using EnterpriseMcp.Tools.Db.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Db.Tests.Sqlite;

/// <summary>The server with no configuration: the embedded sample database, through the C# SDK client.</summary>
public sealed class EmbeddedServerTests : IAsyncLifetime
{
    private ToolServerHost _server = null!;

    public async ValueTask InitializeAsync() => _server = await DbTestServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task It_lists_the_read_and_sample_tools_with_truthful_hints_and_no_execute()
    {
        var tools = await _server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["describe_table", "explain", "get_employee_info", "list_tables", "query", "search_documents"],
            tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, tool =>
        {
            Assert.True(tool.ProtocolTool.Annotations?.ReadOnlyHint, tool.Name);
            Assert.False(tool.ProtocolTool.Annotations?.DestructiveHint, tool.Name);
            Assert.False(string.IsNullOrEmpty(tool.Description), tool.Name);
        });
        var query = tools.Single(t => t.Name == "query").JsonSchema;
        Assert.Contains("sql", query.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(query.GetProperty("properties").GetProperty("max_rows").TryGetProperty("description", out _));
    }

    [Fact]
    public async Task Every_tool_answers_from_the_sample_company()
    {
        var tables = (await _server.CallAsync("list_tables")).Rows();
        Assert.Equal(["assignments", "departments", "documents", "employees", "projects"], tables.EnumerateArray().Select(r => r[0].GetString()));

        var columns = (await _server.CallAsync("describe_table", new() { ["name"] = "employees" })).Rows();
        Assert.Contains(columns.EnumerateArray(), c => c[0].GetString() == "salary");

        var rows = (await _server.CallAsync("query", new() { ["sql"] = "SELECT name FROM departments ORDER BY name" })).Rows();
        Assert.Equal(["Engineering", "Finance", "People", "Sales"], rows.EnumerateArray().Select(r => r[0].GetString()));

        var plan = await _server.CallAsync("explain", new() { ["sql"] = "SELECT * FROM employees WHERE id = 3" });
        Assert.Contains("employees", plan.Text());

        var chloe = await _server.CallAsync("get_employee_info", new() { ["employee_id"] = 3 });
        Assert.Contains("Chloe Martin", chloe.Text());
        Assert.Contains("MCP Gateway (Developer)", chloe.Text());

        var documents = (await _server.CallAsync("search_documents", new() { ["query"] = "receipts" })).Rows();
        Assert.Equal("Travel expense policy", Assert.Single(documents.EnumerateArray())[1].GetString());
    }

    [Theory]
    [InlineData("DELETE FROM employees")]
    [InlineData("UPDATE employees SET salary = 1")]
    [InlineData("WITH gone AS (DELETE FROM employees RETURNING id) SELECT count(*) FROM gone")]
    [InlineData("CREATE TABLE stolen (x)")]
    [InlineData("ATTACH DATABASE 'copy.db' AS copy")]
    [InlineData("VACUUM INTO 'copy.db'")]
    [InlineData("INSERT INTO employees SELECT * FROM employees WHERE id = 1")]
    [InlineData("SELECT 1; DELETE FROM employees")]
    public async Task Writes_through_query_are_refused_by_the_database_and_change_nothing(string sql)
    {
        var result = await _server.CallAsync("query", new() { ["sql"] = sql });

        Assert.True(result.IsError, result.Text());
        Assert.DoesNotContain("   at ", result.Text());
        var count = (await _server.CallAsync("query", new() { ["sql"] = "SELECT count(*), sum(salary) FROM employees" })).Rows();
        Assert.Equal(10, count[0][0].GetInt32());
        Assert.Equal(1_245_000, count[0][1].GetInt32());
    }

    [Fact]
    public async Task A_plain_write_says_the_database_refused_it()
    {
        var result = await _server.CallAsync("query", new() { ["sql"] = "DELETE FROM employees" });

        Assert.Contains("refused a write", result.Text());
    }

    [Fact]
    public async Task Max_rows_truncates_with_a_notice()
    {
        var result = await _server.CallAsync("query", new() { ["sql"] = "SELECT id FROM employees ORDER BY id", ["max_rows"] = 4 });

        Assert.Equal(4, result.Rows().GetArrayLength());
        Assert.True(result.StructuredContent!.Value.GetProperty("truncated").GetBoolean());
        Assert.Contains("TRUNCATED", result.Text());
        Assert.True((await _server.CallAsync("query", new() { ["sql"] = "SELECT 1", ["max_rows"] = 0 })).IsError);
    }

    [Fact]
    public async Task Unknown_tables_employees_and_bad_sql_say_so_plainly()
    {
        Assert.Contains("no table or view named 'nope'", (await _server.CallAsync("describe_table", new() { ["name"] = "nope" })).Text());
        Assert.Contains("no employee with id 999", (await _server.CallAsync("get_employee_info", new() { ["employee_id"] = 999 })).Text());
        Assert.Contains("no such table: nope", (await _server.CallAsync("query", new() { ["sql"] = "SELECT * FROM nope" })).Text());
    }
}
