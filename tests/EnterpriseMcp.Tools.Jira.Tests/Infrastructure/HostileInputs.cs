using Microsoft.Data.Sqlite;

namespace EnterpriseMcp.Tools.Jira.Tests.Infrastructure;

/// <summary>The inputs that once crashed or swamped the server, shared by the limit tests and the hostile-caller loop.</summary>
public static class HostileInputs
{
    public static readonly string DeepNesting = new string('(', 200_000) + "project = DEMO" + new string(')', 200_000);

    public static readonly string ManyOrs = string.Join(" OR ", Enumerable.Range(0, 12_000).Select(i => $"status = S{i}"));

    public static readonly string Megabyte = "text ~ \"" + new string('x', 1_000_000) + "\"";

    public const string HugeCommentIssue = "DEMO-2";

    /// <summary>
    /// Ten comments of 3 MB each on <see cref="HugeCommentIssue"/>, written straight into the embedded tracker's file as
    /// data imported from elsewhere would be, past any limit <c>add_comment</c> applies.
    /// </summary>
    public static async Task AddHugeCommentsAsync(ToolServerHost server)
    {
        // The tracker creates its file on first use.
        await server.CallAsync("list_projects");
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(server.Folder, "tracker.db")};Pooling=False");
        await connection.OpenAsync();
        var body = new string('y', 3_000_000);
        for (var i = 0; i < 10; i++)
        {
            await using var insert = new SqliteCommand(
                "INSERT INTO comments (issue_key, author, body, created) VALUES ($key, 'mallory', $body, '2026-11-22T10:00:00Z')", connection);
            insert.Parameters.AddWithValue("$key", HugeCommentIssue);
            insert.Parameters.AddWithValue("$body", body);
            await insert.ExecuteNonQueryAsync();
        }
    }
}
