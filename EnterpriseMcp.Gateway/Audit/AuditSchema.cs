namespace EnterpriseMcp.Gateway.Audit;

/// <summary>The one table both stores keep, in each database's names for a 64-bit integer and a byte string.</summary>
internal static class AuditSchema
{
    public const string LastRecord = "SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1";

    public static async Task<AuditChainEnd> EndAsync(System.Data.Common.DbCommand last, CancellationToken cancellationToken)
    {
        last.CommandText = LastRecord;
        await using var reader = await last.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AuditChainEnd(reader.GetInt64(0), (byte[])reader[1])
            : new AuditChainEnd(0, AuditChain.Genesis);
    }

    public static string Create(string integer, string bytes) => $"""
        CREATE TABLE IF NOT EXISTS audit_records (
            sequence {integer} PRIMARY KEY,
            time TEXT NOT NULL,
            subject TEXT,
            name TEXT,
            outcome TEXT NOT NULL,
            body TEXT NOT NULL,
            previous_hash {bytes} NOT NULL,
            hash {bytes} NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_records_by_time ON audit_records (time);
        CREATE INDEX IF NOT EXISTS audit_records_by_subject ON audit_records (subject, time);
        CREATE INDEX IF NOT EXISTS audit_records_by_name ON audit_records (name, time);
        """;
}
