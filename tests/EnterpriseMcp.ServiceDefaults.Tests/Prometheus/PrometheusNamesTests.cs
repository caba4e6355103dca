using EnterpriseMcp.ServiceDefaults.Prometheus;
using OpenTelemetry.Metrics;

namespace EnterpriseMcp.ServiceDefaults.Tests.Prometheus;

public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("mcp.server.operation.duration", "s", MetricType.Histogram, "mcp_server_operation_duration_seconds")]
    [InlineData("http.server.active_requests", "{request}", MetricType.LongSumNonMonotonic, "http_server_active_requests")]
    [InlineData("mcp.requests", "{request}", MetricType.LongSum, "mcp_requests_total")]
    [InlineData("bytes.sent", "By", MetricType.LongSum, "bytes_sent_bytes_total")]
    [InlineData("jobs.total", "", MetricType.LongSum, "jobs_total")]
    [InlineData("payload.total", "By", MetricType.DoubleSum, "payload_bytes_total")]
    [InlineData("queue.size.bytes", "By", MetricType.LongGauge, "queue_size_bytes")]
    [InlineData("cpu.utilization", "1", MetricType.DoubleGauge, "cpu_utilization_ratio")]
    [InlineData("items.processed", "1", MetricType.LongSum, "items_processed_total")]
    [InlineData("throughput", "By/s", MetricType.DoubleGauge, "throughput_bytes_per_second")]
    [InlineData("arrivals", "{request}/s", MetricType.DoubleGauge, "arrivals_per_second")]
    [InlineData("latency", "ms", MetricType.Histogram, "latency_milliseconds")]
    [InlineData("odd", "foo-bar", MetricType.DoubleGauge, "odd_foo_bar")]
    [InlineData("9lives-x  y", null, MetricType.LongGauge, "_9lives_x_y")]
    [InlineData("ns:name/with.ünicode", null, MetricType.LongGauge, "ns_name_with_nicode")]
    public void Instrument_names_follow_the_OpenTelemetry_to_Prometheus_rules(
        string instrument, string? unit, MetricType type, string expected)
    {
        Assert.Equal(expected, PrometheusNames.MetricName(instrument, unit, type));
    }

    [Theory]
    [InlineData("http.request.method", "http_request_method")]
    [InlineData("__reserved", "_reserved")]
    [InlineData("1st", "_1st")]
    [InlineData("gen_ai.tool.name", "gen_ai_tool_name")]
    [InlineData("a-b c", "a_b_c")]
    public void Attribute_names_become_valid_label_names(string attribute, string expected)
    {
        Assert.Equal(expected, PrometheusNames.LabelName(attribute));
    }
}
