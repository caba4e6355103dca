using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace EnterpriseMcp.Tools.Testing;

/// <summary>The samples of a Prometheus text exposition, read well enough to sum a family's series by some of their labels.</summary>
public sealed partial class MetricsText(string text)
{
    public string Text => text;

    /// <summary>The <c>/metrics</c> of the service at <paramref name="baseAddress"/>.</summary>
    public static async Task<MetricsText> ScrapeAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        return new MetricsText(await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken));
    }

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Name, string Value)[] labels) =>
        Samples().Where(sample => sample.Name == name && labels.All(label => sample.Labels.GetValueOrDefault(label.Name) == label.Value))
            .Sum(sample => sample.Value);

    /// <summary>Each series once: its name and labels as written.</summary>
    public IReadOnlySet<string> Series() =>
        text.Split('\n').Where(line => line.Length > 0 && line[0] != '#').Select(line => line[..line.LastIndexOf(' ')]).ToHashSet();

    private IEnumerable<(string Name, Dictionary<string, string> Labels, double Value)> Samples()
    {
        foreach (var line in text.Split('\n'))
        {
            if (SampleLine().Match(line) is not { Success: true } sample)
            {
                continue;
            }

            var labels = LabelPair().Matches(sample.Groups["labels"].Value)
                .ToDictionary(pair => pair.Groups["name"].Value, pair => pair.Groups["value"].Value);
            yield return (sample.Groups["name"].Value, labels, double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
