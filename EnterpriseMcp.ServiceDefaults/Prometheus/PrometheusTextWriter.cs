using System.Globalization;
using System.Text;

namespace EnterpriseMcp.ServiceDefaults.Prometheus;

/// <summary>Lines of the Prometheus text exposition format 0.0.4, escaped as that format requires.</summary>
internal sealed class PrometheusTextWriter(StringBuilder output)
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public void WriteHelp(string name, string help) =>
        output.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');

    public void WriteType(string name, string type) =>
        output.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    /// <param name="labels">Already formatted by <see cref="PrometheusLabels"/>; empty for none.</param>
    public void WriteSample(string name, string labels, string value)
    {
        output.Append(name);
        if (labels.Length > 0)
        {
            output.Append('{').Append(labels).Append('}');
        }

        output.Append(' ').Append(value).Append('\n');
    }

    public static string EscapeHelp(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string EscapeLabelValue(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    public static string FormatValue(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
