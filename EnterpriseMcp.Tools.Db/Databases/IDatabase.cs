namespace EnterpriseMcp.Tools.Db.Databases;

/// <summary>
/// A database the tools read (in a read-only transaction the database itself enforces) and, where allowed, write.
/// Errors a caller can act on come out as <see cref="ModelContextProtocol.McpException"/> with a plain message.
/// </summary>
internal interface IDatabase
{
    /// <summary>"PostgreSQL" or "SQLite": for messages and tool descriptions.</summary>
    string Kind { get; }

    Task<QueryResult> QueryAsync(string sql, int maxRows, CancellationToken cancellationToken, params object?[] parameters);

    Task<QueryResult> ListTablesAsync(CancellationToken cancellationToken);

    /// <summary>The columns of a table or view; null when there is none of that name.</summary>
    Task<QueryResult?> DescribeTableAsync(string name, CancellationToken cancellationToken);

    Task<QueryResult> ExplainAsync(string sql, CancellationToken cancellationToken);

    /// <summary>Runs a write in its own transaction; returns the rows it changed.</summary>
    Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken);
}
