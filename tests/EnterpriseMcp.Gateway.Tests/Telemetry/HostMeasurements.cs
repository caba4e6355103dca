using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace EnterpriseMcp.Gateway.Tests.Telemetry;

/// <summary>
/// Every measurement one host's instruments record while this listens. Read at the instruments, not at /metrics: every
/// host in a test process has meters of the same names, and a provider there may also see (and lose with their
/// disposal) those of hosts that other tests start and stop.
/// </summary>
internal sealed class HostMeasurements : IDisposable
{
    private readonly MeterListener _listener;
    private readonly ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)> _recorded = new();

    public HostMeasurements(IMeterFactory meters)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
        _listener.Start();
    }

    /// <summary>How many measurements of <paramref name="instrument"/> carried all of <paramref name="tags"/>.</summary>
    public int Count(string instrument, params (string Name, string Value)[] tags) =>
        _recorded.Count(recorded => recorded.Instrument == instrument
                                    && tags.All(tag => recorded.Tags.GetValueOrDefault(tag.Name) as string == tag.Value));

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _recorded.Enqueue((instrument.Name, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value)));
}
