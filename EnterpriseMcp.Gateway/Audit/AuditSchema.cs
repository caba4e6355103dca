using System.Data.Common;
using System.Text;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>The one table both stores keep, in each database's names for a 64-bit integer and a byte string.</summary>
internal static class AuditSchema
{
    public const string LastRecord = "SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1";

    private const string Columns = "sequence, time, subject, name, outcome, body, previous_hash, hash";

    public static async Task<AuditChainEnd> EndAsync(DbCommand last, CancellationToken cancellationToken)
    {
        last.CommandText = LastRecord;
        await using var reader = await last.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AuditChainEnd(reader.GetInt64(0), (byte[])reader[1])
            : new AuditChainEnd(0, AuditChain.Genesis);
    }

    /// <summary>
    /// Sets <paramref name="select"/> to read the records <paramref name="query"/> asks for, its values as parameters
    /// (named <c>@x</c>, which both SQLite and Npgsql take).
    /// </summary>
    public static void Query(DbCommand select, AuditQuery query)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM audit_records WHERE sequence > @after");
        Add(select, "@after", query.After);
        if (query.Subject is { } subject)
        {
            sql.Append(" AND subject = @subject");
            Add(select, "@subject", subject);
        }

        if (query.Name is { } name)
        {
            sql.Append(" AND name = @name");
            Add(select, "@name", name);
        }

        if (query.Outcome is { } outcome)
        {
            sql.Append(" AND outcome = @outcome");
            Add(select, "@outcome", outcome.ToString());
        }

        // The column holds SqliteAuditStore.TimeText, whose text order is time order.
        if (query.From is { } from)
        {
            sql.Append(" AND time >= @from");
            Add(select, "@from", SqliteAuditStore.TimeText(from));
        }

        if (query.To is { } to)
        {
            sql.Append(" AND time < @to");
            Add(select, "@to", SqliteAuditStore.TimeText(to));
        }

        sql.Append(" ORDER BY sequence");
        if (query.Limit is { } limit)
        {
            sql.Append(" LIMIT @limit");
            Add(select, "@limit", limit);
        }

        select.CommandText = sql.ToString();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// The table and its indexes. Queries page in sequence order, so a filter's index ends in the sequence: a user's
    /// next page is one range of (subject, sequence). The first indexes ended in the time; they are replaced.
    /// </summary>
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
        DROP INDEX IF EXISTS audit_records_by_subject;
        DROP INDEX IF EXISTS audit_records_by_name;
        CREATE INDEX IF NOT EXISTS audit_records_by_subject_sequence ON audit_records (subject, sequence);
        CREATE INDEX IF NOT EXISTS audit_records_by_name_sequence ON audit_records (name, sequence);
        CREATE INDEX IF NOT EXISTS audit_records_by_outcome_sequence ON audit_records (outcome, sequence);
        """;
}
