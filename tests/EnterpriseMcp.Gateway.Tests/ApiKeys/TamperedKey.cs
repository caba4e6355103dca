namespace EnterpriseMcp.Gateway.Tests.ApiKeys;

/// <summary>A key's text with one character of its secret changed, still well-formed.</summary>
internal static class TamperedKey
{
    // The next-to-last character: the last one of a 32-byte base64url secret carries only 4 bits, so most changes to it
    // make the text malformed (refused for that reason, not for the secret); this one carries all 6.
    public static string Of(string key) => key[..^2] + (key[^2] == 'A' ? 'B' : 'A') + key[^1];
}
