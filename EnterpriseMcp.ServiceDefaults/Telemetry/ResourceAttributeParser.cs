namespace EnterpriseMcp.ServiceDefaults.Telemetry;

/// <summary>Reads OTEL_RESOURCE_ATTRIBUTES: <c>key1=value1,key2=value2</c>, values percent-encoded.</summary>
internal static class ResourceAttributeParser
{
    public static IReadOnlyList<KeyValuePair<string, object>> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        List<KeyValuePair<string, object>> attributes = [];
        foreach (var pair in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                // The specification says to ignore a malformed entry rather than fail start-up.
                continue;
            }

            var key = pair[..separator].Trim();
            var text = Uri.UnescapeDataString(pair[(separator + 1)..].Trim());
            attributes.Add(new KeyValuePair<string, object>(key, text));
        }

        return attributes;
    }
}
