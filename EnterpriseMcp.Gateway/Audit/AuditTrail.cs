using System.Diagnostics;
using EnterpriseMcp.Gateway.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// The gateway's audit log, opened at start on the configured store, and the failure mode applied to every write: a
/// record that cannot be kept refuses its call (closed, the default) or is counted and logged as a gap (open).
/// </summary>
internal sealed partial class AuditTrail(IOptions<AuditOptions> options, IConfiguration configuration, IHostEnvironment environment,
    AuditEvents events, AuditMetrics metrics, TimeProvider time, ILogger<AuditTrail> logger) : IHostedService, IAsyncDisposable
{
    // While the store is down, calls are refused at once for this long after a probe found it so, then probed again.
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    private readonly AuditOptions _options = options.Value;
    private readonly Lock _probing = new();
    private AuditLog? _log;
    private long _gaps;
    private Task<bool>? _probe;
    private long? _probeFailedAt;

    public bool Enabled => _options.Enabled;

    /// <summary>Records that could not be kept and were let through (open failure mode).</summary>
    public long Gaps => Interlocked.Read(ref _gaps);

    public AuditLog? Log => _log;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Enabled)
        {
            _log = await AuditLog.OpenAsync(StoreOf(_options, configuration, environment), logger, cancellationToken);
        }
    }

    /// <summary>The configured store, not opened: PostgreSQL when <c>ConnectionStrings:audit</c> is set, else the SQLite file.</summary>
    public static IAuditStore StoreOf(AuditOptions options, IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetConnectionString("audit") is { Length: > 0 } postgres
            ? new PostgresAuditStore(postgres)
            : new SqliteAuditStore(options.Path ?? System.IO.Path.Combine(environment.ContentRootPath, ".data", "audit.db"));

    /// <summary>Checks <paramref name="store"/>'s chain as this gateway's configuration says to.</summary>
    public Task<AuditVerification> VerifyAsync(IAuditStore store, CancellationToken cancellationToken) =>
        AuditVerifier.VerifyAsync(store, cancellationToken, _options.CheckpointKeyBytes());

    /// <summary>Removes <paramref name="store"/>'s records older than <c>Gateway:Audit:RetentionDays</c>, leaving a signed checkpoint.</summary>
    public async Task<AuditPruneResult> PruneAsync(IAuditStore store, CancellationToken cancellationToken)
    {
        var days = _options.RetentionDays ?? throw new InvalidOperationException($"{AuditOptions.SectionName}:RetentionDays is not set.");
        var now = time.GetUtcNow();
        var result = await AuditPruning.PruneAsync(store, _options.CheckpointKeyBytes()!, now.AddDays(-days), now, cancellationToken);
        if (result.Checkpoint is { } checkpoint)
        {
            LogPruned(result.Removed, days, checkpoint.Sequence);
        }

        if (result.Problem is { } problem)
        {
            LogPruneRefused(problem);
        }

        return result;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Whether calls may go on to their backends: always in the open failure mode or while the store takes commits; when
    /// its last commit failed (closed mode), only once a probe finds it back (one probe at a time, at most one a second),
    /// so that no call is made that its record could not follow.
    /// </summary>
    public async ValueTask<bool> AdmitsCallsAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled || _options.FailureMode == AuditFailureMode.Open || _log is { Down: false })
        {
            return true;
        }

        Task<bool> probe;
        lock (_probing)
        {
            if (_probe is not { IsCompleted: false } && _probeFailedAt is { } failedAt && time.GetElapsedTime(failedAt) < ProbeInterval)
            {
                return false;
            }

            probe = _probe is { IsCompleted: false } running ? running : _probe = ProbeAsync();
        }

        return await probe.WaitAsync(cancellationToken);
    }

    private async Task<bool> ProbeAsync()
    {
        var back = _log is { } log && await log.ProbeAsync(CancellationToken.None);
        if (!back)
        {
            lock (_probing)
            {
                _probeFailedAt = time.GetTimestamp();
            }
        }

        return back;
    }

    /// <summary>Keeps <paramref name="record"/>; false when it could not be kept and its call must be refused.</summary>
    public async Task<bool> KeepAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return true;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await (_log ?? throw new AuditUnavailableException("The audit log is not open.")).WriteAsync(record, cancellationToken);
            metrics.Written(started, failure: null);
            events.Emit(record, kept: true);
            return true;
        }
        catch (AuditUnavailableException error) when (_options.FailureMode == AuditFailureMode.Open)
        {
            Interlocked.Increment(ref _gaps);
            metrics.Written(started, AuditMetrics.Gap);
            LogGap(error.Message, record.Method, record.Name);
            events.Emit(record, kept: false);
            return true;
        }
        catch (AuditUnavailableException)
        {
            metrics.Written(started, AuditMetrics.Withheld);
            events.Emit(record, kept: false);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit retention removed {Count} record(s) older than {Days} days, through record {Sequence}, and signed a checkpoint there.")]
    private partial void LogPruned(long count, int days, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit retention stopped: {Problem}")]
    private partial void LogPruneRefused(string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit gap: a {Method} of '{Name}' went on without its record ({Reason}).")]
    private partial void LogGap(string reason, string method, string? name);
}
