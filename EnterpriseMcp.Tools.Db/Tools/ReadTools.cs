using System.ComponentModel;
using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Tools.Db.Configuration;
using EnterpriseMcp.Tools.Db.Databases;
using EnterpriseMcp.Tools.Db.Results;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Tools.Db.Tools;

/// <summary>Reading tools: each runs in a transaction the database keeps read-only.</summary>
internal static class ReadTools
{
    [McpServerTool(Name = "list_tables", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Lists the tables and views of the database.")]
    [RequiresScope("db.read")]
    public static async Task<CallToolResult> ListTables(IDatabase database, CancellationToken cancellationToken) =>
        ResultContent.From(await database.ListTablesAsync(cancellationToken));

    [McpServerTool(Name = "describe_table", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Shows the columns of a table or view: name, type, whether it may be null, whether it is part of the primary key.")]
    [RequiresScope("db.read")]
    public static async Task<CallToolResult> DescribeTable(IDatabase database,
        [Description("The table or view, e.g. employees (PostgreSQL: schema.table for a schema other than public).")] string name,
        CancellationToken cancellationToken)
    {
        var columns = await database.DescribeTableAsync(name, cancellationToken)
            ?? throw new McpException($"There is no table or view named '{name}'. list_tables shows what exists.");
        return ResultContent.From(columns, $"{name}:");
    }

    [McpServerTool(Name = "query", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Runs one read-only SQL statement (SELECT, WITH ... SELECT) and returns its rows. Writes are refused by the database.")]
    [RequiresScope("db.read")]
    public static async Task<CallToolResult> Query(IDatabase database, IOptions<DbOptions> options,
        [Description("One SQL statement.")] string sql,
        [Description("Most rows to return (default 100).")] int? max_rows = null,
        CancellationToken cancellationToken = default)
    {
        var limit = max_rows ?? options.Value.DefaultMaxRows;
        if (limit < 1 || limit > options.Value.MaxRows)
        {
            throw new McpException($"max_rows must be between 1 and {options.Value.MaxRows}.");
        }

        return ResultContent.From(await database.QueryAsync(Required(sql), limit, cancellationToken));
    }

    [McpServerTool(Name = "explain", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Shows how the database would run a SQL statement (its query plan), without running it.")]
    [RequiresScope("db.read")]
    public static async Task<CallToolResult> Explain(IDatabase database, [Description("One SQL statement.")] string sql,
        CancellationToken cancellationToken) =>
        ResultContent.From(await database.ExplainAsync(Required(sql), cancellationToken));

    internal static string Required(string sql) =>
        string.IsNullOrWhiteSpace(sql) ? throw new McpException("sql is empty: give one SQL statement.") : sql;
}
