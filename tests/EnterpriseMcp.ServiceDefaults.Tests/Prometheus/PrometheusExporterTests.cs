using System.Diagnostics.Metrics;

namespace EnterpriseMcp.ServiceDefaults.Tests.Prometheus;

public sealed class PrometheusExporterTests
{
    [Fact]
    public async Task Histogram_buckets_are_cumulative_and_end_with_Inf_sum_and_count()
    {
        using var pipeline = new PrometheusPipeline();
        var histogram = pipeline.Meter.CreateHistogram<double>(
            "job.duration", "s", "How long a job took.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5] });
        foreach (var value in new[] { 0.5, 1.5, 1.75, 4, 9 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("queue", "q1"));
        }

        var text = await pipeline.ScrapeAsync();

        Assert.Contains(
            "# HELP job_duration_seconds How long a job took.\n" +
            "# TYPE job_duration_seconds histogram\n" +
            "job_duration_seconds_bucket{queue=\"q1\",le=\"1\"} 1\n" +
            "job_duration_seconds_bucket{queue=\"q1\",le=\"2\"} 3\n" +
            "job_duration_seconds_bucket{queue=\"q1\",le=\"5\"} 4\n" +
            "job_duration_seconds_bucket{queue=\"q1\",le=\"+Inf\"} 5\n" +
            "job_duration_seconds_sum{queue=\"q1\"} 16.75\n" +
            "job_duration_seconds_count{queue=\"q1\"} 5\n",
            text);
    }

    [Fact]
    public async Task Counters_are_cumulative_across_scrapes_and_get_the_total_suffix()
    {
        using var pipeline = new PrometheusPipeline();
        var counter = pipeline.Meter.CreateCounter<long>("jobs.done", "{job}", "Jobs finished.");

        counter.Add(2);
        await pipeline.ScrapeAsync();
        counter.Add(3);
        var text = await pipeline.ScrapeAsync();

        Assert.Contains("# TYPE jobs_done_total counter\njobs_done_total 5\n", text);
    }

    [Fact]
    public async Task Up_down_counters_and_gauges_are_exposed_as_gauges()
    {
        using var pipeline = new PrometheusPipeline();
        var active = pipeline.Meter.CreateUpDownCounter<long>("sessions.active", "{session}");
        active.Add(5);
        active.Add(-2);
        pipeline.Meter.CreateObservableGauge("pool.utilization", () => 0.25, "1");

        var text = await pipeline.ScrapeAsync();

        Assert.Contains("# TYPE sessions_active gauge\nsessions_active 3\n", text);
        Assert.Contains("# TYPE pool_utilization_ratio gauge\npool_utilization_ratio 0.25\n", text);
    }

    [Fact]
    public async Task Label_values_and_help_text_are_escaped_and_label_names_sanitised()
    {
        using var pipeline = new PrometheusPipeline();
        var counter = pipeline.Meter.CreateCounter<long>("escapes", unit: null, description: "line one\nback\\slash");
        counter.Add(1, new KeyValuePair<string, object?>("tool.name", "say \"hi\"\\\nbye"));

        var text = await pipeline.ScrapeAsync();

        Assert.Contains("# HELP escapes_total line one\\nback\\\\slash\n", text);
        Assert.Contains("escapes_total{tool_name=\"say \\\"hi\\\"\\\\\\nbye\"} 1\n", text);
    }

    [Fact]
    public async Task Help_falls_back_to_the_instrument_name_when_there_is_no_description()
    {
        using var pipeline = new PrometheusPipeline();
        pipeline.Meter.CreateCounter<long>("plain.count").Add(1);

        var text = await pipeline.ScrapeAsync();

        Assert.Contains("# HELP plain_count_total plain.count\n", text);
    }

    [Fact]
    public async Task One_name_from_two_meters_is_written_as_one_family()
    {
        using var pipeline = new PrometheusPipeline();
        pipeline.Meter.CreateCounter<long>("shared.count").Add(1, new KeyValuePair<string, object?>("from", "first"));
        pipeline.SecondMeter.CreateCounter<long>("shared.count").Add(2, new KeyValuePair<string, object?>("from", "second"));

        var text = await pipeline.ScrapeAsync();

        Assert.Single(text.Split('\n'), line => line == "# TYPE shared_count_total counter");
        var family = text[text.IndexOf("# TYPE shared_count_total", StringComparison.Ordinal)..];
        Assert.StartsWith(
            "# TYPE shared_count_total counter\nshared_count_total{from=\"first\"} 1\nshared_count_total{from=\"second\"} 2\n",
            family);
    }

    [Fact]
    public async Task Resource_is_exposed_as_target_info()
    {
        using var pipeline = new PrometheusPipeline();

        var text = await pipeline.ScrapeAsync();

        Assert.Contains("# TYPE target_info gauge\n", text);
        Assert.Matches("(?m)^target_info\\{.*service_name=\"[^\"]+\".*\\} 1$", text);
    }
}
