using System.Globalization;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>Event ids of the Redis store: "{stream key}-{sequence}"; the key may hold '-' (base64url), the sequence not.</summary>
internal static class RedisEventIds
{
    public static string Format(string streamKey, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{streamKey}-{sequence}");

    public static bool TryParse(string eventId, out string streamKey, out long sequence)
    {
        var dash = eventId.LastIndexOf('-');
        streamKey = dash > 0 ? eventId[..dash] : "";
        sequence = 0;
        // Bounded: a stream key is at most a session id and a suffix; anything longer is nobody's event.
        return dash > 0 && dash <= 64
            && long.TryParse(eventId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}
