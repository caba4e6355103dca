using EnterpriseMcp.AppHost.Health;
using EnterpriseMcp.AppHost.Model;
using EnterpriseMcp.AppHost.Prerequisites;

namespace EnterpriseMcp.AppHost.Monitoring;

/// <summary>
/// Debian's Prometheus, scraping every service's <c>/metrics</c> (each gateway replica on its own port), on 127.0.0.1,
/// its data in the data folder for <see cref="Retention"/>. A local run only: a deployment brings its platform's own.
/// Its UI is linked from the dashboard; it evaluates the rules of <c>deploy/prometheus/rules</c>. <c>Prometheus:ScrapeInterval</c> and <c>Prometheus:EvaluationInterval</c>
/// (default 15 s each) set how often it scrapes and evaluates rules; tests shorten them.
/// </summary>
public static class LocalPrometheus
{
    private const string Retention = "2d";
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(15);

    public static IResourceBuilder<ExecutableResource> AddLocalPrometheus(this IDistributedApplicationBuilder builder, int port, DataFolder data,
        IReadOnlyList<PrometheusConfig.Target> targets)
    {
        var folder = data.For(ResourceNames.Prometheus);
        var config = Path.Combine(folder, PrometheusConfig.FileName);
        File.WriteAllText(config, PrometheusConfig.Render(Interval(builder, "ScrapeInterval"), Interval(builder, "EvaluationInterval"), targets,
            PrometheusConfig.RuleFiles(SystemModel.RepositoryFolder)));
        return builder.AddExecutable(ResourceNames.Prometheus, MachineChecks.Prometheus(), folder,
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}",
                $"--storage.tsdb.retention.time={Retention}", $"--web.listen-address=127.0.0.1:{port}")
            .WithHttpEndpoint(port: port, targetPort: port, isProxied: false)
            .WithUrlForEndpoint("http", url => url.DisplayText = "Prometheus UI")
            .WithPromptHttpHealthCheck("/-/ready");
    }

    /// <summary>Each service's <c>http</c> endpoint, as a target of its job.</summary>
    public static IReadOnlyList<PrometheusConfig.Target> TargetsOf(IEnumerable<(string Job, IResource Service)> scraped) =>
        [.. scraped.SelectMany(item => item.Service.Annotations.OfType<EndpointAnnotation>()
            .Where(endpoint => endpoint.Name == "http" && endpoint.Port is not null)
            .Select(endpoint => new PrometheusConfig.Target(item.Job, item.Service.Name, endpoint.Port!.Value)))];

    private static TimeSpan Interval(IDistributedApplicationBuilder builder, string key) =>
        builder.Configuration[$"Prometheus:{key}"] is { } text
            ? TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero
                ? interval
                : throw new Options.UsageException($"Prometheus:{key} takes a time span such as 00:00:15, not '{text}'.")
            : DefaultInterval;
}
