using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EnterpriseMcp.Hosting.Telemetry;

/// <summary>The activity source and instruments of the MCP server side, named per the OpenTelemetry MCP conventions.</summary>
internal static class McpServerTelemetry
{
    public const string SourceName = "EnterpriseMcp.Hosting";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    // The bucket boundaries the MCP semantic conventions give for every MCP duration histogram.
    private static readonly InstrumentAdvice<double> DurationBuckets = new()
    {
        HistogramBucketBoundaries = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
    };

    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        "mcp.server.operation.duration", "s", "Duration of MCP requests handled by this server.", advice: DurationBuckets);

    public static readonly Histogram<double> SessionDuration = Meter.CreateHistogram(
        "mcp.server.session.duration", "s", "Duration of 2025-generation MCP sessions on this server.", advice: DurationBuckets);
}
