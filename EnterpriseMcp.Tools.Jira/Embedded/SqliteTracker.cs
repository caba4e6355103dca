using System.Globalization;
using EnterpriseMcp.Tools.Jira.Configuration;
using EnterpriseMcp.Tools.Jira.Embedded.Jql;
using EnterpriseMcp.Tools.Jira.Tracker;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ModelContextProtocol;

namespace EnterpriseMcp.Tools.Jira.Embedded;

/// <summary>
/// The embedded issue tracker: one SQLite file (WAL, a pooled connection per operation, so concurrent calls are
/// safe), created and seeded with <see cref="DemoData"/> on first use. JQL is translated by <see cref="JqlParser"/>
/// into parameterised SQL. Texts are read cut to <see cref="JiraLimits"/> in SQL, so a huge value never reaches .NET, and a
/// cancelled call interrupts the statement it is running.
/// </summary>
internal sealed class SqliteTracker(IOptions<JiraOptions> options, TimeProvider time) : IIssueTracker
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = options.Value.Embedded.DatabasePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 10,
    }.ToString();

    private readonly Lazy<Task> _created = new(() => CreateAsync(options.Value.Embedded.DatabasePath));

    /// <summary>The caller's name, for <c>currentUser()</c> and as the author of comments; set per call by the tools.</summary>
    public static readonly AsyncLocal<string?> CurrentUser = new();

    private JiraLimits Limits => options.Value.Limits;

    public async Task<Issue> GetIssueAsync(string key, CancellationToken cancellationToken)
    {
        key = IssueKey.Checked(key);
        await using var connection = await OpenAsync(cancellationToken);
        using var interrupt = Interruptible(connection, cancellationToken);
        return await ReadOneAsync(connection, key, cancellationToken) ?? throw new McpException($"Issue {key} does not exist.");
    }

    public async Task<SearchResult> SearchAsync(string jql, int maxResults, CancellationToken cancellationToken)
    {
        var query = JqlParser.Parse(jql, Limits, CurrentUser.Value, cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        using var interrupt = Interruptible(connection, cancellationToken);
        await using var command = Command(connection,
            $"SELECT key, substr(summary, 1, {Limits.MaxSummaryLength}), length(summary), status, issue_type, assignee, updated " +
            $"FROM issues i WHERE {query.Where} ORDER BY {query.OrderBy} LIMIT {maxResults + 1}",
            [.. query.Parameters]);
        var issues = new List<IssueSummary>();
        var limiter = new IssueLimiter(Limits);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                issues.Add(new(reader.GetString(0), limiter.Summary(reader.GetString(1), reader.GetInt64(2)), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), Time(reader.GetString(6))));
            }
        }
        catch (SqliteException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new McpException($"The embedded tracker cannot run this JQL: {error.Message}");
        }

        return issues.Count > maxResults ? new(issues[..maxResults], More: true) : new(issues, More: false);
    }

    public async Task<Issue> CreateIssueAsync(NewIssue issue, CancellationToken cancellationToken)
    {
        var type = Workflow.IssueTypes.FirstOrDefault(t => t.Equals(issue.IssueType.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new McpException($"'{issue.IssueType}' is not an issue type here; use one of {string.Join(", ", Workflow.IssueTypes)}.");
        await using var connection = await OpenAsync(cancellationToken);
        var key = await InTransactionAsync(connection, async () =>
        {
            var project = await ScalarAsync(connection, "SELECT key FROM projects WHERE key = $1 COLLATE NOCASE", cancellationToken, issue.Project.Trim())
                ?? throw new McpException($"Project '{issue.Project}' does not exist; list_projects shows the projects.");
            var number = Convert.ToInt64(await ScalarAsync(connection,
                "SELECT coalesce(max(CAST(substr(key, length(project_key) + 2) AS INTEGER)), 0) + 1 FROM issues WHERE project_key = $1",
                cancellationToken, project), CultureInfo.InvariantCulture);
            var created = $"{project}-{number}";
            await ExecuteAsync(connection,
                "INSERT INTO issues (key, project_key, summary, description, issue_type, status, assignee, created, updated) " +
                "VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $7)",
                cancellationToken, created, project, issue.Summary.Trim(), issue.Description, type, Workflow.Initial, Now());
            return created;
        });
        return (await ReadOneAsync(connection, key, cancellationToken))!;
    }

    public async Task<Comment> AddCommentAsync(string key, string body, CancellationToken cancellationToken)
    {
        key = IssueKey.Checked(key);
        await using var connection = await OpenAsync(cancellationToken);
        var now = Now();
        var author = CurrentUser.Value ?? "anonymous";
        var added = await ExecuteAsync(connection,
            "INSERT INTO comments (issue_key, author, body, created) SELECT key, $2, $3, $4 FROM issues WHERE key = $1", cancellationToken, key, author, body, now);
        if (added == 0)
        {
            throw new McpException($"Issue {key} does not exist.");
        }

        await ExecuteAsync(connection, "UPDATE issues SET updated = $2 WHERE key = $1", cancellationToken, key, now);
        return new Comment(author, body, Time(now));
    }

    public async Task<Issue> TransitionAsync(string key, string transition, CancellationToken cancellationToken)
    {
        key = IssueKey.Checked(key);
        await using var connection = await OpenAsync(cancellationToken);
        await InTransactionAsync(connection, async () =>
        {
            var status = await ScalarAsync(connection, "SELECT status FROM issues WHERE key = $1", cancellationToken, key) as string
                ?? throw new McpException($"Issue {key} does not exist.");
            var target = Workflow.Target(status, transition)
                ?? throw new McpException($"Issue {key} is {status}; '{transition}' is not a transition from there. Available: {string.Join(", ", Workflow.From(status))}.");
            return await ExecuteAsync(connection, "UPDATE issues SET status = $2, updated = $3 WHERE key = $1", cancellationToken, key, target, Now());
        });
        return (await ReadOneAsync(connection, key, cancellationToken))!;
    }

    public async Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT key, name FROM projects ORDER BY key", []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var projects = new List<Project>();
        while (await reader.ReadAsync(cancellationToken))
        {
            projects.Add(new(reader.GetString(0), reader.GetString(1)));
        }

        return projects;
    }

    private async Task<Issue?> ReadOneAsync(SqliteConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = Command(connection,
            "SELECT key, substr(summary, 1, $2), length(summary), substr(description, 1, $3), length(description), status, issue_type, assignee, " +
            "created, updated, (SELECT count(*) FROM comments WHERE issue_key = $1) FROM issues WHERE key = $1",
            [key, Limits.MaxSummaryLength, Limits.MaxDescriptionLength]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var limiter = new IssueLimiter(Limits);
        var newestFirst = new List<Comment>();
        await using (var commentsCommand = Command(connection,
            "SELECT author, substr(body, 1, $2), length(body), created FROM comments WHERE issue_key = $1 ORDER BY id DESC LIMIT $3",
            [key, Limits.MaxCommentLength, Limits.MaxComments]))
        await using (var commentReader = await commentsCommand.ExecuteReaderAsync(cancellationToken))
        {
            while (await commentReader.ReadAsync(cancellationToken))
            {
                newestFirst.Add(limiter.Comment(commentReader.GetString(0), commentReader.GetString(1), commentReader.GetInt64(2), Time(commentReader.GetString(3))));
            }
        }

        var issue = new Issue(reader.GetString(0), limiter.Summary(reader.GetString(1), reader.GetInt64(2)),
            reader.IsDBNull(3) ? null : limiter.Description(reader.GetString(3), reader.GetInt64(4)), reader.GetString(5), reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7), Time(reader.GetString(8)), Time(reader.GetString(9)), [], 0, null);
        return limiter.Answer(issue, newestFirst, reader.GetInt32(10));
    }

    // Microsoft.Data.Sqlite looks at the token only between rows; sqlite3_interrupt also stops a statement inside a long step.
    private static CancellationTokenRegistration Interruptible(SqliteConnection connection, CancellationToken cancellationToken) =>
        cancellationToken.Register(() => SQLitePCL.raw.sqlite3_interrupt(connection.Handle));

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _created.Value;
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task CreateAsync(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Built under another name and moved in place: a crash half-way never leaves a half-seeded tracker.
        var building = path + ".building";
        File.Delete(building);
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = building, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = Command(connection, DemoData.Schema + DemoData.Rows, []);
            await command.ExecuteNonQueryAsync();
        }

        File.Move(building, path);
    }

    // BEGIN IMMEDIATE takes the write lock up front, so two concurrent creates cannot pick the same number.
    private static async Task<T> InTransactionAsync<T>(SqliteConnection connection, Func<Task<T>> work)
    {
        await ExecuteAsync(connection, "BEGIN IMMEDIATE", CancellationToken.None);
        try
        {
            var result = await work();
            await ExecuteAsync(connection, "COMMIT", CancellationToken.None);
            return result;
        }
        catch
        {
            await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
            throw;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, object?[] parameters)
    {
        var command = new SqliteCommand(sql, connection);
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue($"${i + 1}", parameters[i] ?? DBNull.Value);
        }

        return command;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private string Now() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
