using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// The retention sweep: at start and every <c>Gateway:Audit:RetentionSweepInterval</c>, removes the records older than
/// <c>Gateway:Audit:RetentionDays</c> (none set: it does nothing). Several gateways on one store may all sweep.
/// </summary>
internal sealed partial class AuditRetention(AuditTrail trail, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || settings.RetentionDays is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.RetentionSweepInterval, time);
        do
        {
            if (trail.Log?.Store is { } store)
            {
                try
                {
                    await trail.PruneAsync(store, stoppingToken);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    LogSweepFailed(error);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit retention sweep failed; it runs again at the next interval.")]
    private partial void LogSweepFailed(Exception error);
}
