using System.Globalization;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>The <c>--expires</c> of <c>apikeys create</c>: a lifetime (<c>30d</c>, <c>12h</c>) or a UTC date or time (<c>2027-01-31</c>: its 00:00 UTC).</summary>
internal static class ApiKeyExpiry
{
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset expires)
    {
        expires = default;
        if (text.Length > 1 && text[^1] is 'd' or 'h'
            && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            expires = now + (text[^1] == 'd' ? TimeSpan.FromDays(count) : TimeSpan.FromHours(count));
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out expires)
            && text.Contains('-', StringComparison.Ordinal);
    }
}
