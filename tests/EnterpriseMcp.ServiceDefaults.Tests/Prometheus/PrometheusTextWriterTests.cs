using System.Globalization;
using System.Text;
using EnterpriseMcp.ServiceDefaults.Prometheus;

namespace EnterpriseMcp.ServiceDefaults.Tests.Prometheus;

public sealed class PrometheusTextWriterTests
{
    [Fact]
    public void Label_values_escape_backslash_double_quote_and_newline()
    {
        Assert.Equal("a\\\\b\\\"c\\nd", PrometheusTextWriter.EscapeLabelValue("a\\b\"c\nd"));
    }

    [Fact]
    public void Help_text_escapes_backslash_and_newline_but_not_quotes()
    {
        Assert.Equal("say \"hi\"\\\\now\\nplease", PrometheusTextWriter.EscapeHelp("say \"hi\"\\now\nplease"));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.25, "0.25")]
    [InlineData(300d, "300")]
    [InlineData(1e-7, "1E-07")]
    public void Values_use_the_invariant_format_Prometheus_parses(double value, string expected)
    {
        Assert.Equal(expected, PrometheusTextWriter.FormatValue(value));
    }

    [Fact]
    public void Values_do_not_follow_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            Assert.Equal("1.5", PrometheusTextWriter.FormatValue(1.5));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Writes_help_type_and_samples_as_lines_ending_in_newline()
    {
        var output = new StringBuilder();
        var writer = new PrometheusTextWriter(output);

        writer.WriteHelp("jobs_total", "Jobs done");
        writer.WriteType("jobs_total", "counter");
        writer.WriteSample("jobs_total", "queue=\"a\"", "3");
        writer.WriteSample("jobs_total", string.Empty, "4");

        Assert.Equal(
            "# HELP jobs_total Jobs done\n# TYPE jobs_total counter\njobs_total{queue=\"a\"} 3\njobs_total 4\n",
            output.ToString());
    }

    [Fact]
    public void Content_type_is_text_format_0_0_4_in_utf8()
    {
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", PrometheusTextWriter.ContentType);
    }
}
