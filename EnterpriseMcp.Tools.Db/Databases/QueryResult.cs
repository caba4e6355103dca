namespace EnterpriseMcp.Tools.Db.Databases;

/// <summary>Rows as JSON-ready values; <see cref="Truncated"/> says why more were not read, or null if none were left.</summary>
internal sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, string? Truncated);
