using System.Text.RegularExpressions;
using EnterpriseMcp.Gateway.Configuration;

namespace EnterpriseMcp.Gateway.Federation;

/// <summary>
/// Exposed names are <c>{prefix}{separator}{name}</c>, or the name alone for an empty prefix.
/// Model APIs accept tool names matching <c>^[a-zA-Z0-9_-]{1,64}$</c>; names outside it are reported, not refused.
/// </summary>
internal static partial class ToolNaming
{
    public static string PrefixOf(string backend, BackendOptions options) => options.Prefix ?? backend;

    public static string Expose(string prefix, string separator, string name) =>
        prefix.Length == 0 ? name : string.Concat(prefix, separator, name);

    public static bool IsPortableName(string name) => PortableName().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex PortableName();
}
