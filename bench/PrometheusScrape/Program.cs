// A service as /metrics sees it after real traffic: SERIES series of mcp.server.operation.duration (tools x outcomes,
// the MCP bucket boundaries), as many of the counter mcp.gateway.calls, a few of the up-down counter
// mcp.active_sessions, and the runtime, Kestrel and ASP.NET Core meters of AddServiceDefaults, which serves /metrics.
//
//   dotnet bench/PrometheusScrape/bin/Release/net10.0/PrometheusScrape.dll --urls http://127.0.0.1:PORT [--series 300]
using System.Diagnostics;
using System.Diagnostics.Metrics;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddServiceDefaults();
var series = builder.Configuration.GetValue("series", 300);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGet("/ping", () => "pong");

using var meter = new Meter("EnterpriseMcp.Bench");
Traffic.Record(meter, series);
app.Run();

internal static class Traffic
{
    private static readonly string[] Outcomes = ["", "tool_error", "-32603"];

    public static void Record(Meter meter, int series)
    {
        var duration = meter.CreateHistogram(
            "mcp.server.operation.duration", "s", "Duration of MCP requests handled by this server.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300] });
        var calls = meter.CreateCounter<long>("mcp.gateway.calls", "{call}", "Tool calls the gateway relayed.");
        var sessions = meter.CreateUpDownCounter<long>("mcp.active_sessions", "{session}", "Sessions open now.");
        var random = new Random(7);
        for (var i = 0; i < series; i++)
        {
            var tags = new TagList
            {
                { "mcp.method.name", "tools/call" },
                { "gen_ai.tool.name", $"server{i % 5}__tool_{i / Outcomes.Length}" },
                { "mcp.protocol.version", "2025-11-25" },
            };
            if (Outcomes[i % Outcomes.Length] is { Length: > 0 } error)
            {
                tags.Add("error.type", error);
            }

            for (var call = 0; call < 20; call++)
            {
                duration.Record(Math.Exp(random.NextDouble() * 10 - 6), tags);
                calls.Add(1, tags);
            }
        }

        sessions.Add(40, new KeyValuePair<string, object?>("mcp.protocol.version", "2025-11-25"));
        sessions.Add(3, new KeyValuePair<string, object?>("mcp.protocol.version", "2025-06-18"));
    }
}
