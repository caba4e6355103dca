using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// The audit log in an SQLite file: write-ahead logging with a full sync at each commit, so a record is on disk when
/// <see cref="AppendAsync"/> returns; writers in several processes take turns, readers read at any time.
/// </summary>
public sealed class SqliteAuditStore(string path) : IAuditStore
{
    // The time is text of a fixed width (TimeText), so that text order is time order in both databases.
    private static readonly string Schema = "PRAGMA journal_mode = WAL;\n" + AuditSchema.Create("INTEGER", "BLOB");

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 5,
    }.ToString();

    private SqliteConnection? _writer;

    // The writer's statements, prepared once per connection rather than compiled again for every commit.
    private SqliteCommand? _last;
    private SqliteCommand? _insert;
    private SqliteParameter[] _columns = [];

    /// <summary>The SQLite file.</summary>
    public string FilePath => path;

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new SqliteConnection(_connectionString);
        await _writer.OpenAsync(cancellationToken);
        await using var setup = _writer.CreateCommand();
        // FULL: in WAL mode the default (NORMAL) may lose the last commits on a power cut; an audit must not.
        setup.CommandText = Schema + "PRAGMA synchronous = FULL;";
        await setup.ExecuteNonQueryAsync(cancellationToken);
        _last = _writer.CreateCommand();
        _insert = _writer.CreateCommand();
        _insert.CommandText = """
            INSERT INTO audit_records (sequence, time, subject, name, outcome, body, previous_hash, hash)
            VALUES ($sequence, $time, $subject, $name, $outcome, $body, $previous, $hash)
            """;
        _columns = [.. new[] { "$sequence", "$time", "$subject", "$name", "$outcome", "$body", "$previous", "$hash" }
            .Select(name => _insert.Parameters.Add(new SqliteParameter { ParameterName = name }))];
    }

    public async Task AppendAsync(IReadOnlyList<PendingAuditRecord> records, CancellationToken cancellationToken)
    {
        if (_writer is not { } connection || _last is not { } last || _insert is not { } insert)
        {
            throw new InvalidOperationException("The audit store is not open.");
        }

        // Immediate: the write lock is taken before the chain's end is read, so no other process writes in between.
        await using var transaction = connection.BeginTransaction(deferred: false);
        last.Transaction = transaction;
        var end = await AuditSchema.EndAsync(last, cancellationToken);
        insert.Transaction = transaction;
        var columns = _columns;
        foreach (var record in AuditChain.SealAll(records, end))
        {
            columns[0].Value = record.Sequence;
            columns[1].Value = TimeText(record.Time);
            columns[2].Value = (object?)record.Subject ?? DBNull.Value;
            columns[3].Value = (object?)record.Name ?? DBNull.Value;
            columns[4].Value = record.Outcome.ToString();
            columns[5].Value = record.Body;
            columns[6].Value = record.PreviousHash;
            columns[7].Value = record.Hash;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public IAsyncEnumerable<SealedAuditRecord> ReadAsync(long fromSequence, CancellationToken cancellationToken) =>
        QueryAsync(new AuditQuery { After = fromSequence - 1 }, cancellationToken);

    public async IAsyncEnumerable<SealedAuditRecord> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        AuditSchema.Query(select, query);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return AuditColumns.Read(reader);
        }
    }

    public async Task<AuditCheckpoint?> NewestCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        return await AuditSchema.NewestCheckpointAsync(select, cancellationToken);
    }

    public async Task<bool> PruneAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        // A connection of its own: the writer's belongs to the log's write loop. Immediate, as an append, so that the
        // records removed and the chain's end an append reads are never seen half-way.
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (!await AuditSchema.PruneAsync(command, checkpoint, cancellationToken))
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _last?.Dispose();
        _insert?.Dispose();
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
    }

    /// <summary>UTC with a fixed width, so that text order is time order.</summary>
    public static string TimeText(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
