using System.Collections.Frozen;
using System.Text.RegularExpressions;
using OpenTelemetry.Metrics;

namespace EnterpriseMcp.ServiceDefaults.Prometheus;

/// <summary>UCUM units as the name suffix Prometheus users expect: <c>s</c> is <c>seconds</c>, <c>By</c> is <c>bytes</c>.</summary>
internal static partial class PrometheusUnits
{
    private static readonly FrozenDictionary<string, string> Units = new Dictionary<string, string>
    {
        ["d"] = "days", ["h"] = "hours", ["min"] = "minutes", ["s"] = "seconds",
        ["ms"] = "milliseconds", ["us"] = "microseconds", ["ns"] = "nanoseconds",
        ["By"] = "bytes", ["KiBy"] = "kibibytes", ["MiBy"] = "mebibytes", ["GiBy"] = "gibibytes",
        ["TiBy"] = "tebibytes", ["KBy"] = "kilobytes", ["MBy"] = "megabytes", ["GBy"] = "gigabytes",
        ["TBy"] = "terabytes", ["m"] = "meters", ["V"] = "volts", ["A"] = "amperes", ["J"] = "joules",
        ["W"] = "watts", ["g"] = "grams", ["Cel"] = "celsius", ["Hz"] = "hertz", ["%"] = "percent",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> PerUnits = new Dictionary<string, string>
    {
        ["s"] = "second", ["m"] = "minute", ["h"] = "hour", ["d"] = "day",
        ["w"] = "week", ["mo"] = "month", ["y"] = "year",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string Suffix(string? unit, MetricType type)
    {
        // Annotations such as {request} describe what is counted, not a unit, and are dropped.
        var bare = unit is null ? string.Empty : Annotation().Replace(unit, string.Empty).Trim();
        if (bare.Length == 0)
        {
            return string.Empty;
        }

        if (bare == "1")
        {
            return type.IsGauge() ? "ratio" : string.Empty;
        }

        var slash = bare.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return Word(Units, bare);
        }

        var numerator = Word(Units, bare[..slash]);
        var denominator = Word(PerUnits, bare[(slash + 1)..]);
        return (numerator.Length, denominator.Length) switch
        {
            (_, 0) => numerator,
            (0, _) => "per_" + denominator,
            _ => $"{numerator}_per_{denominator}",
        };
    }

    private static string Word(FrozenDictionary<string, string> words, string unit)
    {
        if (unit.Length == 0)
        {
            return string.Empty;
        }

        return words.TryGetValue(unit, out var word) ? word : PrometheusNames.Sanitize(unit).Trim('_');
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Annotation();
}
