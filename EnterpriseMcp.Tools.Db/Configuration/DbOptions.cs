namespace EnterpriseMcp.Tools.Db.Configuration;

/// <summary>Bound from <c>Db</c>; the PostgreSQL connection string is <c>ConnectionStrings:db</c>.</summary>
public sealed class DbOptions
{
    public const string SectionName = "Db";

    /// <summary>The embedded sample database; by default under the user's local application data folder.</summary>
    public string EmbeddedDatabasePath { get; set; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "EnterpriseMcp", "db", "sample.db");

    /// <summary>
    /// PostgreSQL role every read runs as (<c>SET LOCAL ROLE</c>): one without the login's privileges, so that one caller
    /// can neither see nor stop another's statements (README).
    /// </summary>
    public string? ReadOnlyRole { get; set; }

    /// <summary>Whether PostgreSQL reads are refused while <see cref="ReadOnlyRole"/> is unset (every caller then shares one role).</summary>
    public bool RequireReadOnlyRole { get; set; } = true;

    /// <summary>Longest a statement may run; the database cancels it after that.</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Rows a query returns when the caller does not say.</summary>
    public int DefaultMaxRows { get; set; } = 100;

    /// <summary>Most rows a caller may ask for.</summary>
    public int MaxRows { get; set; } = 1000;

    /// <summary>Largest rendered result; rows beyond it are cut with a notice.</summary>
    public int MaxResultBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Largest single value (text, blob, row) the embedded database may build; SQLite refuses a bigger one before
    /// allocating it, so a caller cannot grow the server's memory with <c>randomblob</c> and the like. By default a
    /// result's size: a bigger value could not be shown anyway.
    /// </summary>
    public int MaxValueBytes { get; set; } = 256 * 1024;

    /// <summary>Whether the <c>execute</c> tool (writes) exists at all.</summary>
    public bool AllowWrites { get; set; }
}
