using System.Diagnostics;
using System.Diagnostics.Metrics;
using EnterpriseMcp.Gateway.Backends;

namespace EnterpriseMcp.Gateway.Resilience;

/// <summary>
/// The gateway's view of its backends: how long each call to them takes and how it ended
/// (<c>mcp.client.operation.duration</c>, as an MCP client), whether each is up, and its circuit state.
/// </summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "EnterpriseMcp.Gateway";
    public const string BackendAttribute = "mcp.gateway.backend";

    private readonly Histogram<double> _clientDuration;

    public GatewayMetrics(IMeterFactory meters, IServiceProvider services)
    {
        var meter = meters.Create(MeterName);
        _clientDuration = meter.CreateHistogram(
            "mcp.client.operation.duration", "s", "Duration of MCP requests the gateway sent to backends.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300] });
        // Resolved when observed: the registry records its calls here, so it cannot be a constructor argument.
        var registry = new Lazy<BackendRegistry>(() => (BackendRegistry)services.GetService(typeof(BackendRegistry))!);
        meter.CreateObservableGauge("mcp.gateway.backend.up",
            () => registry.Value.Backends.Select(backend => new Measurement<int>(backend.IsAvailable ? 1 : 0, Tag(backend))),
            "{backend}", "1 while the backend's circuit is closed and it has listed its catalog, else 0.");
        meter.CreateObservableGauge("mcp.gateway.backend.circuit_state",
            () => registry.Value.Backends.Select(backend => new Measurement<int>((int)backend.Circuit.State, Tag(backend))),
            "{state}", "The backend's circuit: 0 closed, 1 open, 2 half-open (probing).");
    }

    public void RecordCall(string backend, string method, string? errorType, double seconds)
    {
        var tags = new TagList { { BackendAttribute, backend }, { "mcp.method.name", method } };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        _clientDuration.Record(seconds, tags);
    }

    private static KeyValuePair<string, object?> Tag(Backend backend) => new(BackendAttribute, backend.Name);
}
