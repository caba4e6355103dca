namespace EnterpriseMcp.Tools.Db.Tests.Sqlite;

/// <summary>What a hostile caller sends the embedded database: each is refused, stopped, or changes nothing.</summary>
public static class HostileInputs
{
    public const string EndlessQuery = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n";

    /// <summary>Sorts 500 MB of values just under <c>Db:MaxValueBytes</c>: allowed, and SQLite spills it to temporary files.</summary>
    public const string BigSort = "SELECT count(*) FROM (SELECT randomblob(262000) AS b FROM " +
        "(WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000) SELECT x FROM n) ORDER BY b)";

    /// <summary>Ways to make SQLite build one huge value.</summary>
    public static IReadOnlyList<string> BigValues { get; } =
    [
        "SELECT randomblob(100000000)",
        "SELECT zeroblob(100000000)",
        "SELECT printf('%.*c', 100000000, 'x')",
        "SELECT length(replace(printf('%.*c', 200000, 'x'), 'x', 'xxxxxxxxxx'))",
        "SELECT length(group_concat(d1.body)) FROM documents d1, documents d2, documents d3, documents d4, documents d5, documents d6, documents d7",
        "WITH RECURSIVE s(x) AS (SELECT 'x' UNION ALL SELECT x || x FROM s) SELECT length(x) FROM s",
    ];

    /// <summary>
    /// The big values, PRAGMAs that would change the process or the next caller, explain's second statement, an endless
    /// query and a big sort.
    /// </summary>
    public static IReadOnlyList<(string Tool, string Sql)> All { get; } =
    [
        .. BigValues.Select(sql => ("query", sql)),
        ("query", "PRAGMA hard_heap_limit = 100000"),
        ("query", "PRAGMA soft_heap_limit = 100000"),
        ("query", "PRAGMA reverse_unordered_selects = 1"),
        ("query", "PRAGMA cache_size = -1000000"),
        ("explain", "PRAGMA hard_heap_limit = 100000"),
        ("explain", "SELECT 1; " + EndlessQuery),
        ("query", EndlessQuery),
        ("query", BigSort),
    ];

    public static TheoryData<string> BigValueRows => new(BigValues);
}
