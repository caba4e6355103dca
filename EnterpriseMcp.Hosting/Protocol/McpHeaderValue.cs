using System.Buffers;
using System.Text;

namespace EnterpriseMcp.Hosting.Protocol;

/// <summary>
/// Writes a body value into a routing header (SEP-2243): as it is when it is plain visible ASCII,
/// otherwise <c>=?base64?...?=</c> around the Base64 of its UTF-8 bytes.
/// </summary>
public static class McpHeaderValue
{
    private static readonly SearchValues<char> PlainChars =
        SearchValues.Create("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ");

    public static string Encode(string value) =>
        value.Length > 0 && value.AsSpan().IndexOfAnyExcept(PlainChars) < 0 && value[0] != ' ' && value[^1] != ' '
            && !value.StartsWith("=?base64?", StringComparison.Ordinal)
            ? value
            : $"=?base64?{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}?=";
}
