using System.Text;
using System.Text.RegularExpressions;

namespace EnterpriseMcp.Gateway.Federation;

/// <summary>
/// Whether a URI could have come from an RFC 6570 template: each expression matches one segment
/// (<c>{var}</c>), any text (<c>{+var}</c>, <c>{#var}</c>), or an optional query (<c>{?a,b}</c>, <c>{&amp;a}</c>).
/// </summary>
internal sealed class UriTemplateMatcher(string template)
{
    private readonly Regex _pattern = new(ToPattern(template), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));

    public bool IsMatch(string uri)
    {
        try
        {
            return _pattern.IsMatch(uri);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string ToPattern(string template)
    {
        var pattern = new StringBuilder("^");
        var position = 0;
        foreach (Match expression in Regex.Matches(template, @"\{([^}]*)\}"))
        {
            pattern.Append(Regex.Escape(template[position..expression.Index]));
            var body = expression.Groups[1].Value;
            pattern.Append(body.Length > 0 ? body[0] switch
            {
                '+' or '#' => ".*",
                '?' or '&' => @"(?:[?&][^#]*)?",
                '/' => "(?:/[^?#]*)?",
                '.' => @"(?:\.[^/?#]*)?",
                _ => "[^/?#]*",
            } : "");
            position = expression.Index + expression.Length;
        }

        return pattern.Append(Regex.Escape(template[position..])).Append('$').ToString();
    }
}
