using EnterpriseMcp.Tools.Jira.Configuration;
using ModelContextProtocol;

namespace EnterpriseMcp.Tools.Jira.Tools;

internal static class TextLimit
{
    /// <summary>A tool error when <paramref name="value"/> is longer than its limit, naming the setting that raises it.</summary>
    public static void Check(string argument, string? value, int max, string limit)
    {
        if (value?.Length > max)
        {
            throw new McpException($"{argument} is {value.Length} characters long; this server accepts at most {max} ({JiraLimits.Key(limit)}).");
        }
    }
}
