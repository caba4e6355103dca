using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// Appends records to the store with group commit: one writer takes every record waiting while the previous commit was
/// on its way to disk and commits them together, so each caller waits for one disk sync, not one per record before it.
/// <see cref="WriteAsync"/> returns once the record is durable; if the store fails it throws, and the chain is not
/// broken: each commit continues from the last record the store holds, whichever process wrote it.
/// </summary>
public sealed partial class AuditLog : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly IAuditStore _store;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _pending;
    private Task _writing = Task.CompletedTask;
    private long _commits;
    private volatile bool _down;

    private AuditLog(IAuditStore store, int capacity, ILogger logger)
    {
        (_store, _logger) = (store, logger);
        // Bounded: when the disk falls behind, callers wait here rather than the queue growing without end.
        _pending = Channel.CreateBounded<Pending>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Transactions committed so far (each holds one or more records).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    public IAuditStore Store => _store;

    /// <summary>Whether the last commit failed: the store is down until one succeeds (a record's or a probe's).</summary>
    public bool Down => _down;

    public static async Task<AuditLog> OpenAsync(IAuditStore store, ILogger logger, CancellationToken cancellationToken, int capacity = 10_000)
    {
        await store.OpenAsync(cancellationToken);
        var log = new AuditLog(store, capacity, logger);
        // A thread of its own: a commit waits for the disk (SQLite's calls are synchronous, async in name only), which
        // would hold a thread-pool thread that requests need; the writer sleeps between commits instead.
        var writing = new TaskCompletionSource();
        new Thread(() =>
        {
            try
            {
                log.WriteLoop();
            }
            finally
            {
                writing.SetResult();
            }
        }) { IsBackground = true, Name = "Audit writer" }.Start();
        log._writing = writing.Task;
        return log;
    }

    /// <summary>Returns once <paramref name="record"/> is durable; throws <see cref="AuditUnavailableException"/> if it cannot be.</summary>
    public Task WriteAsync(AuditRecord record, CancellationToken cancellationToken) =>
        EnqueueAsync(new Pending(record, AuditChain.BodyOf(record)), cancellationToken);

    /// <summary>
    /// Whether the store takes a commit now: an empty transaction on the writer's turn (the write lock taken, the chain's
    /// end read), so it tests what a record's commit needs without adding a record.
    /// </summary>
    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnqueueAsync(new Pending(null, null), cancellationToken);
            return true;
        }
        catch (AuditUnavailableException)
        {
            return false;
        }
    }

    private async Task EnqueueAsync(Pending pending, CancellationToken cancellationToken)
    {
        try
        {
            await _pending.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new AuditUnavailableException("The audit log is closed.");
        }

        await pending.Written.Task.WaitAsync(cancellationToken);
    }

    private void WriteLoop()
    {
        var batch = new List<Pending>(MaxBatch);
        var records = new List<PendingAuditRecord>(MaxBatch);
        // Blocking waits are this thread's purpose; the store's calls complete here (SQLite) or on the pool (PostgreSQL).
        while (WaitForRecords())
        {
            batch.Clear();
            records.Clear();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
                if (next.Record is not null)
                {
                    records.Add(new PendingAuditRecord(next.Record, next.Body!));
                }
            }

            try
            {
                _store.AppendAsync(records, CancellationToken.None).GetAwaiter().GetResult();
                Interlocked.Increment(ref _commits);
                _down = false;
                batch.ForEach(pending => pending.Written.TrySetResult());
            }
            catch (Exception error)
            {
                _down = true;
                LogWriteFailed(error, records.Count);
                var unavailable = new AuditUnavailableException($"The audit log could not store the record: {error.Message}", error);
                batch.ForEach(pending => pending.Written.TrySetException(unavailable));
            }
        }
    }

    private bool WaitForRecords()
    {
        var ready = _pending.Reader.WaitToReadAsync();
        return ready.IsCompletedSuccessfully ? ready.Result : ready.AsTask().GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writing;
        await _store.DisposeAsync();
    }

    /// <summary>A record waiting for its commit; without one, a probe.</summary>
    private sealed record Pending(AuditRecord? Record, string? Body)
    {
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit log could not store {Count} record(s).")]
    private partial void LogWriteFailed(Exception error, int count);
}
