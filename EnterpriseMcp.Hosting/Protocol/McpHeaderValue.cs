using System.Buffers;
using System.Text;

namespace EnterpriseMcp.Hosting.Protocol;

/// <summary>
/// Header values that mirror body values (SEP-2243): plain visible ASCII, or
/// <c>=?base64?...?=</c> around the Base64 of the UTF-8 value for anything else.
/// </summary>
public static class McpHeaderValue
{
    private const string Prefix = "=?base64?";
    private const string Suffix = "?=";

    // RFC 9110 field-value characters: tab, space and visible ASCII.
    private static readonly SearchValues<char> FieldValueChars =
        SearchValues.Create("\t !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static readonly SearchValues<char> Base64Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    /// <summary>A body value as a header carries it: as it is when plain visible ASCII, else Base64 of its UTF-8.</summary>
    public static string Encode(string value) =>
        value.Length > 0 && value.AsSpan().IndexOfAnyExcept(FieldValueChars) < 0 && value.AsSpan().IndexOf('\t') < 0
            && value[0] != ' ' && value[^1] != ' ' && !value.StartsWith(Prefix, StringComparison.Ordinal)
            ? value
            : $"{Prefix}{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}{Suffix}";

    /// <summary>Decodes a header value; null when it has invalid characters or invalid Base64.</summary>
    public static string? Decode(string raw)
    {
        var value = raw.Trim();
        if (value.AsSpan().IndexOfAnyExcept(FieldValueChars) >= 0)
        {
            return null;
        }

        if (!value.StartsWith(Prefix, StringComparison.Ordinal) || !value.EndsWith(Suffix, StringComparison.Ordinal) ||
            value.Length < Prefix.Length + Suffix.Length)
        {
            return value;
        }

        var encoded = value.AsSpan(Prefix.Length, value.Length - Prefix.Length - Suffix.Length);
        if (encoded.Length % 4 != 0 || encoded.IndexOfAnyExcept(Base64Chars) >= 0)
        {
            return null;
        }

        var bytes = new byte[encoded.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var written))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
