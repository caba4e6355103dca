using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace EnterpriseMcp.ServiceDefaults.Tests.Prometheus;

/// <summary>What Prometheus stores from a scrape: the names rules and dashboards query, in the format promtool checks.</summary>
public sealed partial class ExpositionFormatTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counters_up_down_counters_and_gauges_get_the_names_the_rules_use()
    {
        await using var app = await TestApp.StartWithDefaultsAsync();
        using var meter = new Meter("EnterpriseMcp.Test.Names");
        meter.CreateCounter<long>("mcp.gateway.calls", "{call}").Add(4);
        meter.CreateUpDownCounter<long>("mcp.active_sessions", "{session}").Add(2);
        meter.CreateObservableGauge("mcp.gateway.backend.up", () => 1, "{backend}");

        var text = await app.Client.GetStringAsync("/metrics", Token);

        Assert.Contains("# TYPE mcp_gateway_calls_total counter\n", text);
        Assert.Contains("# TYPE mcp_active_sessions gauge\n", text);
        Assert.Contains("# TYPE mcp_gateway_backend_up gauge\n", text);
        Assert.Contains("\nmcp_active_sessions{otel_scope_name=\"EnterpriseMcp.Test.Names\"} 2\n", text);
    }

    [Fact]
    public async Task A_scraper_that_prefers_OpenMetrics_still_gets_the_text_format()
    {
        await using var app = await TestApp.StartWithDefaultsAsync();
        using var meter = new Meter("EnterpriseMcp.Test.Format");
        meter.CreateCounter<long>("format.marker").Add(1);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        // What Prometheus 2.42 sends.
        request.Headers.TryAddWithoutValidation("Accept",
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");

        using var response = await app.Client.SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(new NameValueHeaderValue("version", "0.0.4"), response.Content.Headers.ContentType!.Parameters);
        Assert.DoesNotContain("_created{", text);
        Assert.DoesNotContain("# EOF", text);
    }

    [Fact]
    public async Task Only_histograms_use_the_suffixes_Prometheus_keeps_for_them()
    {
        await using var app = await TestApp.StartWithDefaultsAsync();

        var text = await app.Client.GetStringAsync("/metrics", Token);

        // promtool check metrics: "non-histogram and non-summary metrics should not have "_count" suffix" (and _sum, _bucket).
        var families = FamilyType().Matches(text).Select(match => (Name: match.Groups[1].Value, Type: match.Groups[2].Value)).ToList();
        Assert.Contains(families, family => family.Name == "dotnet_gc_collections_total");
        Assert.DoesNotContain(families, family => family.Type != "histogram" && ReservedSuffix().IsMatch(family.Name));
    }

    [GeneratedRegex(@"(?m)^# TYPE (\S+) (\S+)$")]
    private static partial Regex FamilyType();

    [GeneratedRegex("_(count|sum|bucket)$")]
    private static partial Regex ReservedSuffix();
}
