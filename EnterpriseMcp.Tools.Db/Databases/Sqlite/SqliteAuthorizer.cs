using System.Collections.Frozen;
using SQLitePCL;

namespace EnterpriseMcp.Tools.Db.Databases.Sqlite;

/// <summary>
/// What SQLite may compile on a connection, asked by SQLite itself for every action of every statement, so no SQL text
/// is inspected. A read may select, read, call functions and recurse; nothing else. On both reads and writes it refuses
/// the PRAGMAs that would change the connection or the whole process (<c>hard_heap_limit</c> is process-wide),
/// <c>ATTACH</c>/<c>DETACH</c>, and functions that reach outside the database.
/// </summary>
internal sealed class SqliteAuthorizer
{
    /// <summary>
    /// PRAGMAs with no form that sets anything: schema information (<c>describe_table</c> reads
    /// <c>pragma_table_info</c>), and <c>data_version</c>, which FTS5 reads to know whether its cache is current.
    /// </summary>
    public static readonly FrozenSet<string> AllowedPragmas = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list", "data_version");

    /// <summary>Load native code, or register a tokenizer from a pointer.</summary>
    public static readonly FrozenSet<string> RefusedFunctions = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "load_extension", "fts3_tokenizer");

    private readonly bool _writes;

    private SqliteAuthorizer(bool writes) => _writes = writes;

    /// <summary>The first action refused on this connection, as a sentence for the caller; null when none was.</summary>
    public string? Refusal { get; private set; }

    public static SqliteAuthorizer Install(sqlite3 connection, bool writes)
    {
        var authorizer = new SqliteAuthorizer(writes);
        raw.sqlite3_set_authorizer(connection, authorizer.Authorize, null);
        return authorizer;
    }

    // SQLite passes the action's details in the first two strings: the table, pragma or function name, and its argument.
    private int Authorize(object userData, int action, string first, string second, string database, string trigger)
    {
        var refusal = action switch
        {
            raw.SQLITE_PRAGMA when AllowedPragmas.Contains(first) => null,
            raw.SQLITE_PRAGMA => $"PRAGMA {first.ToLowerInvariant()} is not allowed: only PRAGMA " +
                string.Join(", ", AllowedPragmas.Order(StringComparer.Ordinal)) + " may be read.",
            raw.SQLITE_ATTACH => "ATTACH is not allowed: the tools use this database only.",
            raw.SQLITE_DETACH => "DETACH is not allowed: the tools use this database only.",
            raw.SQLITE_FUNCTION when RefusedFunctions.Contains(second) => $"The function {second.ToLowerInvariant()} is not allowed.",
            raw.SQLITE_SELECT or raw.SQLITE_READ or raw.SQLITE_FUNCTION or raw.SQLITE_RECURSIVE => null,
            _ when _writes => null,
            raw.SQLITE_TRANSACTION or raw.SQLITE_SAVEPOINT => $"{first} is not allowed: each read runs on its own.",
            _ => "The database refused a write" + (first is null ? "" : $" ({first})") + ": this tool is read-only.",
        };
        if (refusal is null)
        {
            return raw.SQLITE_OK;
        }

        Refusal ??= refusal;
        return raw.SQLITE_DENY;
    }
}
