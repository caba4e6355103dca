using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EnterpriseMcp.ServiceDefaults.Telemetry;

/// <summary>
/// Builds the providers as the host starts: nothing else asks for them, and listening must begin
/// before the first request rather than at the first scrape.
/// </summary>
internal sealed class TelemetryStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<TracerProvider>();
        services.GetRequiredService<MeterProvider>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
