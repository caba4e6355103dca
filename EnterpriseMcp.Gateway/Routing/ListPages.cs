using System.Globalization;
using System.Text;
using ModelContextProtocol;

namespace EnterpriseMcp.Gateway.Routing;

/// <summary>
/// The gateway's own pagination over its merged lists: the cursor is an opaque offset, so paging
/// works the same whichever backends the items came from.
/// </summary>
internal static class ListPages
{
    private const string Prefix = "gw1:";

    public static (IList<T> Page, string? NextCursor) Take<T>(IReadOnlyList<T> items, string? cursor, int pageSize)
    {
        var start = Offset(cursor);
        var page = items.Skip(start).Take(pageSize).ToList();
        var next = start + page.Count;
        return (page, next < items.Count ? Encode(next) : null);
    }

    private static int Offset(string? cursor)
    {
        if (cursor is null)
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal) &&
                int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below.
        }

        throw new McpProtocolException("Invalid cursor.", McpErrorCode.InvalidParams);
    }

    private static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));
}
