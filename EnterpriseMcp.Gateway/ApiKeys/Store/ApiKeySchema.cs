using System.Data.Common;
using System.Globalization;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>The one table both stores keep, and how its rows read: times as fixed-width UTC text, lists as space-separated text.</summary>
internal static class ApiKeySchema
{
    public const string Columns = "id, name, scopes, roles, created, expires, revoked, last_used";

    public static string Create(string bytes) => $"""
        CREATE TABLE IF NOT EXISTS api_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            hash {bytes} NOT NULL,
            scopes TEXT NOT NULL,
            roles TEXT NOT NULL,
            created TEXT NOT NULL,
            expires TEXT NOT NULL,
            revoked TEXT,
            last_used TEXT);
        """;

    /// <summary>Every key the reader's rows hold, in the columns of <see cref="Columns"/>.</summary>
    public static async Task<IReadOnlyList<ApiKey>> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    /// <summary>The key in the columns of <see cref="Columns"/>, from the reader's current row.</summary>
    public static ApiKey Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        ListOf(reader.GetString(2)),
        ListOf(reader.GetString(3)),
        TimeOf(reader.GetString(4)),
        TimeOf(reader.GetString(5)),
        reader.IsDBNull(6) ? null : TimeOf(reader.GetString(6)),
        reader.IsDBNull(7) ? null : TimeOf(reader.GetString(7)));

    public static string ListText(IEnumerable<string> values) => string.Join(' ', values);

    /// <summary>UTC with a fixed width, so that text order is time order in both databases.</summary>
    public static string TimeText(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset TimeOf(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string[] ListOf(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
