using OpenTelemetry.Metrics;

namespace EnterpriseMcp.ServiceDefaults.Prometheus;

/// <summary>
/// Prometheus keeps the <c>_count</c> suffix for histograms and summaries (<c>promtool check metrics</c> flags any
/// other metric ending in it), but three of the runtime's up-down counters end in <c>.count</c>. They get names that
/// say what they count instead; views apply to every exporter, so OTLP sees these names too.
/// </summary>
internal static class CountGaugeRenames
{
    private static readonly (string Instrument, string Name)[] Renames =
    [
        ("dotnet.assembly.count", "dotnet.assemblies.loaded"),
        ("dotnet.process.cpu.count", "dotnet.process.cpus"),
        ("dotnet.timer.count", "dotnet.timers.active"),
    ];

    public static MeterProviderBuilder RenameCountGauges(this MeterProviderBuilder metrics)
    {
        foreach (var (instrument, name) in Renames)
        {
            metrics.AddView(instrument, name);
        }

        return metrics;
    }
}
