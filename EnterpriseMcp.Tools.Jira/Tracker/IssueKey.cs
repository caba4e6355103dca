using System.Text.RegularExpressions;
using ModelContextProtocol;

namespace EnterpriseMcp.Tools.Jira.Tracker;

internal static partial class IssueKey
{
    /// <summary>A key like DEMO-12 (upper-cased), or a tool error saying what a key looks like.</summary>
    public static string Checked(string key)
    {
        var normalized = key.Trim().ToUpperInvariant();
        return Pattern().IsMatch(normalized)
            ? normalized
            : throw new McpException($"'{key}' is not an issue key: a key is a project key and a number, like DEMO-12.");
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,9}-[1-9][0-9]{0,8}$")]
    private static partial Regex Pattern();
}
