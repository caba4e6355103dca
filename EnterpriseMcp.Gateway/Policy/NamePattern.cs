namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// An exact name, or a glob where <c>*</c> is any run of characters and <c>?</c> one character; ordinal. Matched by
/// hand rather than by regular expression: no compilation at start-up, no allocation, linear in practice.
/// </summary>
internal sealed class NamePattern(string pattern)
{
    private readonly bool _isGlob = pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    public string Pattern => pattern;

    public bool Matches(string name) => _isGlob ? GlobMatches(pattern, name) : string.Equals(pattern, name, StringComparison.Ordinal);

    // The greedy walk with one back-track point: on a mismatch, the last '*' takes one more character.
    private static bool GlobMatches(string glob, string name)
    {
        int g = 0, n = 0, star = -1, starMatch = 0;
        while (n < name.Length)
        {
            if (g < glob.Length && (glob[g] == '?' || (glob[g] != '*' && glob[g] == name[n])))
            {
                g++;
                n++;
            }
            else if (g < glob.Length && glob[g] == '*')
            {
                star = g++;
                starMatch = n;
            }
            else if (star >= 0)
            {
                g = star + 1;
                n = ++starMatch;
            }
            else
            {
                return false;
            }
        }

        while (g < glob.Length && glob[g] == '*')
        {
            g++;
        }

        return g == glob.Length;
    }
}
