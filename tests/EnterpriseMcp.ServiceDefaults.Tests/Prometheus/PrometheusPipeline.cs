using System.Diagnostics.Metrics;
using EnterpriseMcp.ServiceDefaults.Prometheus;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace EnterpriseMcp.ServiceDefaults.Tests.Prometheus;

/// <summary>
/// A meter provider feeding only the Prometheus reader, listening to a meter of its own: a name no
/// other test (nor the <c>EnterpriseMcp.*</c> wildcard of running apps) shares.
/// </summary>
internal sealed class PrometheusPipeline : IDisposable
{
    private readonly PrometheusScraper scraper = new();
    private readonly MeterProvider provider;

    public PrometheusPipeline()
    {
        Meter = new Meter($"Test.Prometheus.{Guid.NewGuid():N}");
        SecondMeter = new Meter(Meter.Name + ".Second");
        provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(Meter.Name, SecondMeter.Name)
            .AddReader(scraper.Reader)
            .Build();
    }

    public Meter Meter { get; }

    public Meter SecondMeter { get; }

    public async Task<string> ScrapeAsync() =>
        await scraper.ScrapeAsync(TestContext.Current.CancellationToken)
        ?? throw new InvalidOperationException("Collection failed.");

    public void Dispose()
    {
        provider.Dispose();
        Meter.Dispose();
        SecondMeter.Dispose();
    }
}
