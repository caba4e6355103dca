namespace EnterpriseMcp.Gateway.Audit;

/// <summary>The one table both stores keep, in each database's names for a 64-bit integer and a byte string.</summary>
internal static class AuditSchema
{
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
