using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EnterpriseMcp.Hosting.Tests.Telemetry;

/// <summary>
/// Collects the hosting layer's server spans and <c>mcp.server.operation.duration</c> measurements.
/// Listeners are process-wide, so tests pick out their own spans by trace id.
/// </summary>
internal sealed class McpTelemetryRecorder : IDisposable
{
    private const string SourceName = "EnterpriseMcp.Hosting";
    private const string DurationInstrument = "mcp.server.operation.duration";

    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public McpTelemetryRecorder()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SourceName && instrument.Name == DurationInstrument)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            _measurements.Enqueue(new Measurement(value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value))));
        _meters.Start();
    }

    public IReadOnlyCollection<Measurement> Measurements => _measurements;

    /// <summary>The span the server ended in <paramref name="traceId"/>; it ends just after the answer is written.</summary>
    public async Task<Activity> SpanAsync(ActivityTraceId traceId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var span = _stopped.FirstOrDefault(activity => activity.TraceId == traceId);
            if (span is not null)
            {
                return span;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {SourceName} span ended in trace {traceId}.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A duration measurement carrying every one of <paramref name="tags"/>.</summary>
    public async Task<Measurement> MeasurementAsync(params (string Key, string Value)[] tags)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var measurement = _measurements.FirstOrDefault(m => tags.All(tag => Equals(m.Tags.GetValueOrDefault(tag.Key), tag.Value)));
            if (measurement is not null)
            {
                return measurement;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"No {DurationInstrument} measurement tagged {string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"))}; saw: " +
                string.Join(" | ", _measurements.Select(m => string.Join(", ", m.Tags.Select(t => $"{t.Key}={t.Value}")))));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    internal sealed record Measurement(double Value, Dictionary<string, object?> Tags);
}
