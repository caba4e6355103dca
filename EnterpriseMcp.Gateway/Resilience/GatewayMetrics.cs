using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EnterpriseMcp.Gateway.Resilience;

/// <summary>
/// The gateway's view of its backends: how long each call to them takes and how it ended
/// (<c>mcp.client.operation.duration</c>, as an MCP client), and whether each is up and its circuit state.
/// </summary>
internal static class GatewayMetrics
{
    public const string MeterName = "EnterpriseMcp.Gateway";
    public const string BackendAttribute = "mcp.gateway.backend";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> ClientDuration = Meter.CreateHistogram(
        "mcp.client.operation.duration", "s", "Duration of MCP requests the gateway sent to backends.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300] });

    private static Func<IEnumerable<Measurement<int>>> s_up = () => [];
    private static Func<IEnumerable<Measurement<int>>> s_circuit = () => [];

    static GatewayMetrics()
    {
        Meter.CreateObservableGauge("mcp.gateway.backend.up", () => s_up(), "{backend}",
            "1 while the backend's circuit is closed and it has listed its catalog, else 0.");
        Meter.CreateObservableGauge("mcp.gateway.backend.circuit_state", () => s_circuit(), "{state}",
            "The backend's circuit: 0 closed, 1 open, 2 half-open (probing).");
    }

    public static void Observe(Func<IEnumerable<Measurement<int>>> up, Func<IEnumerable<Measurement<int>>> circuit)
    {
        s_up = up;
        s_circuit = circuit;
    }

    public static void RecordCall(string backend, string method, string? errorType, double seconds)
    {
        var tags = new TagList { { BackendAttribute, backend }, { "mcp.method.name", method } };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        ClientDuration.Record(seconds, tags);
    }
}
