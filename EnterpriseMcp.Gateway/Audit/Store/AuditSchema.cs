using System.Data.Common;
using System.Text;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// The tables both stores keep (the records, and the checkpoints retention leaves), in each database's names for a 64-bit
/// integer and a byte string, and the statements they share.
/// </summary>
internal static class AuditSchema
{
    public const string LastRecord = "SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1";

    private const string Columns = "sequence, time, subject, name, outcome, body, previous_hash, hash";

    /// <summary>
    /// The chain's end: its last record, or when retention removed every record, the newest checkpoint (the next record
    /// follows the last removed one), or the genesis of an empty log.
    /// </summary>
    public static async Task<AuditChainEnd> EndAsync(DbCommand last, CancellationToken cancellationToken)
    {
        foreach (var query in (string[])[LastRecord, NewestCheckpoint])
        {
            last.CommandText = query;
            await using var reader = await last.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return new AuditChainEnd(reader.GetInt64(0), (byte[])reader[1]);
            }
        }

        return new AuditChainEnd(0, AuditChain.Genesis);
    }

    public const string NewestCheckpoint = "SELECT sequence, hash, time, signature FROM audit_checkpoints ORDER BY sequence DESC LIMIT 1";

    public const string RecordHash = "SELECT hash FROM audit_records WHERE sequence = @sequence";

    public const string RemoveThrough = "DELETE FROM audit_records WHERE sequence <= @sequence";

    public const string InsertCheckpoint = "INSERT INTO audit_checkpoints (sequence, hash, time, signature) VALUES (@sequence, @hash, @time, @signature)";

    /// <summary>The newest checkpoint, or null when no record was ever removed.</summary>
    public static async Task<AuditCheckpoint?> NewestCheckpointAsync(DbCommand select, CancellationToken cancellationToken)
    {
        select.CommandText = NewestCheckpoint;
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AuditCheckpoint(reader.GetInt64(0), (byte[])reader[1], AuditColumns.TimeOf(reader.GetString(2)), (byte[])reader[3])
            : null;
    }

    /// <summary>
    /// Inside the transaction that holds the write lock: removes the records up to <paramref name="checkpoint"/>'s and
    /// writes it, if its record is still there with its hash; false (and nothing changed) if not.
    /// </summary>
    public static async Task<bool> PruneAsync(DbCommand command, AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        Set(command, RecordHash, ("@sequence", checkpoint.Sequence));
        if (await command.ExecuteScalarAsync(cancellationToken) is not byte[] hash || !hash.AsSpan().SequenceEqual(checkpoint.Hash))
        {
            return false;
        }

        Set(command, RemoveThrough, ("@sequence", checkpoint.Sequence));
        await command.ExecuteNonQueryAsync(cancellationToken);
        Set(command, InsertCheckpoint, ("@sequence", checkpoint.Sequence), ("@hash", checkpoint.Hash),
            ("@time", SqliteAuditStore.TimeText(checkpoint.Time)), ("@signature", checkpoint.Signature));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    private static void Set(DbCommand command, string sql, params (string Name, object Value)[] parameters)
    {
        command.CommandText = sql;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }
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
        CREATE TABLE IF NOT EXISTS audit_checkpoints (
            sequence {integer} PRIMARY KEY,
            hash {bytes} NOT NULL,
            time TEXT NOT NULL,
            signature {bytes} NOT NULL);
        """;
}
