using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;

namespace EnterpriseMcp.ServiceDefaults.Tests.Prometheus;

public sealed class MetricsEndpointTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_endpoint_serves_an_EnterpriseMcp_histogram_with_its_buckets()
    {
        await using var app = await TestApp.StartWithDefaultsAsync(
            settings: new Dictionary<string, string?> { ["OTEL_SERVICE_NAME"] = "metrics-e2e" });
        using var meter = new Meter("EnterpriseMcp.Test");
        var duration = meter.CreateHistogram<double>("mcp.server.operation.duration", "s");
        var tag = new KeyValuePair<string, object?>("mcp.method.name", "tools/call");
        duration.Record(3, tag);
        duration.Record(7, tag);
        duration.Record(20, tag);

        using var response = await app.Client.GetAsync("/metrics", Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE mcp_server_operation_duration_seconds histogram\n", text);

        // The SDK's default boundaries (0, 5, 10, 25, ...) apply: the instrument gave no advice.
        const string labels = "otel_scope_name=\"EnterpriseMcp.Test\",mcp_method_name=\"tools/call\"";
        Assert.Contains($"mcp_server_operation_duration_seconds_bucket{{{labels},le=\"5\"}} 1\n", text);
        Assert.Contains($"mcp_server_operation_duration_seconds_bucket{{{labels},le=\"10\"}} 2\n", text);
        Assert.Contains($"mcp_server_operation_duration_seconds_bucket{{{labels},le=\"25\"}} 3\n", text);
        Assert.Contains($"mcp_server_operation_duration_seconds_bucket{{{labels},le=\"+Inf\"}} 3\n", text);
        Assert.Contains($"mcp_server_operation_duration_seconds_sum{{{labels}}} 30\n", text);
        Assert.Contains($"mcp_server_operation_duration_seconds_count{{{labels}}} 3\n", text);
        Assert.Matches("(?m)^target_info\\{.*service_name=\"metrics-e2e\".*\\} 1$", text);
    }

    [Fact]
    public async Task Metrics_endpoint_includes_the_runtime_and_aspnetcore_meters()
    {
        await using var app = await TestApp.StartWithDefaultsAsync(configureApp: web => web.MapGet("/ping", () => "pong"));
        (await app.Client.GetAsync("/ping", Token)).Dispose();

        var text = await app.Client.GetStringAsync("/metrics", Token);

        Assert.Contains("# TYPE http_server_request_duration_seconds histogram\n", text);
        Assert.Contains("# TYPE dotnet_gc_collections_total counter\n", text);
    }

    [Fact]
    public async Task A_scrape_right_after_a_measurement_sees_it()
    {
        await using var app = await TestApp.StartWithDefaultsAsync();
        using var meter = new Meter("EnterpriseMcp.Test.Fresh");
        var counter = meter.CreateCounter<long>("fresh.marker");

        counter.Add(1);
        var first = await app.Client.GetStringAsync("/metrics", Token);
        counter.Add(1);
        var second = await app.Client.GetStringAsync("/metrics", Token);

        Assert.Contains("\nfresh_marker_total{otel_scope_name=\"EnterpriseMcp.Test.Fresh\"} 1\n", first);
        Assert.Contains("\nfresh_marker_total{otel_scope_name=\"EnterpriseMcp.Test.Fresh\"} 2\n", second);
    }

    [Fact]
    public async Task Concurrent_scrapes_each_get_a_complete_exposition()
    {
        await using var app = await TestApp.StartWithDefaultsAsync();
        using var meter = new Meter("EnterpriseMcp.Test.Concurrent");
        meter.CreateCounter<long>("scrape.marker").Add(1);

        var scrapes = Enumerable.Range(0, 8).Select(_ => app.Client.GetStringAsync("/metrics", Token));
        var texts = await Task.WhenAll(scrapes);

        Assert.All(texts, text =>
        {
            Assert.Single(text.Split('\n'), line => line == "# TYPE scrape_marker_total counter");
            Assert.Contains("\nscrape_marker_total{otel_scope_name=\"EnterpriseMcp.Test.Concurrent\"} 1\n", text);
            Assert.EndsWith("\n", text);
        });
    }
}
