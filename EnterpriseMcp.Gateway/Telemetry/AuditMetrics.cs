using System.Diagnostics;
using System.Diagnostics.Metrics;
using EnterpriseMcp.Gateway.Resilience;

namespace EnterpriseMcp.Gateway.Telemetry;

/// <summary>
/// How the audit log keeps up: how long each write takes, and the records it could not keep, in the closed failure
/// mode (<c>withheld</c>: the call's answer was withheld) and in the open one (<c>gap</c>: the answer went out unrecorded).
/// </summary>
internal sealed class AuditMetrics
{
    public const string Withheld = "withheld";
    public const string Gap = "gap";

    private readonly Histogram<double> _writeDuration;
    private readonly Counter<long> _failures;

    public AuditMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(GatewayMetrics.MeterName);
        _writeDuration = meter.CreateHistogram("mcp.gateway.audit.write.duration", "s",
            "Duration of each audit record's write, until the store committed it or failed.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _failures = meter.CreateCounter<long>("mcp.gateway.audit.failures", "{record}",
            "Audit records not kept: withheld (closed failure mode, the answer was withheld) or gap (open mode, it went out unrecorded).");
    }

    public void Written(long startedAt, string? failure)
    {
        var seconds = Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
        if (failure is null)
        {
            _writeDuration.Record(seconds);
            return;
        }

        _writeDuration.Record(seconds, new KeyValuePair<string, object?>("error.type", failure));
        _failures.Add(1, new KeyValuePair<string, object?>("error.type", failure));
    }
}
