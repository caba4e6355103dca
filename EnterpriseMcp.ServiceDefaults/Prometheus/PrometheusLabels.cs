using System.Globalization;
using System.Text;
using OpenTelemetry;

namespace EnterpriseMcp.ServiceDefaults.Prometheus;

/// <summary>The <c>name="value",...</c> part of a sample, built once per point and reused for every bucket.</summary>
internal static class PrometheusLabels
{
    public static string Format(ReadOnlyTagCollection tags)
    {
        var output = new StringBuilder();
        foreach (var tag in tags)
        {
            Append(output, PrometheusNames.LabelName(tag.Key), ValueText(tag.Value));
        }

        return output.ToString();
    }

    public static string Format(IEnumerable<KeyValuePair<string, object>> attributes)
    {
        var output = new StringBuilder();
        foreach (var attribute in attributes)
        {
            Append(output, PrometheusNames.LabelName(attribute.Key), ValueText(attribute.Value));
        }

        return output.ToString();
    }

    public static string With(string labels, string name, string value)
    {
        var output = new StringBuilder(labels);
        Append(output, name, value);
        return output.ToString();
    }

    private static void Append(StringBuilder output, string name, string value)
    {
        if (output.Length > 0)
        {
            output.Append(',');
        }

        output.Append(name).Append("=\"").Append(PrometheusTextWriter.EscapeLabelValue(value)).Append('"');
    }

    private static string ValueText(object? value) => value switch
    {
        null => string.Empty,
        bool flag => flag ? "true" : "false",
        double number => PrometheusTextWriter.FormatValue(number),
        string[] items => string.Join(',', items),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
