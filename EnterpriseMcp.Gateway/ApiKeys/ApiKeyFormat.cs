using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>
/// An API key's text, <c>emk_&lt;id&gt;_&lt;secret&gt;</c>: the prefix tells it from a JWT (and lets secret scanners find
/// it), the id (12 base32 characters, 60 random bits) names the stored key, and the secret is 32 random bytes in base64url.
/// Only the SHA-256 of the whole text is stored: a 256-bit random secret needs no slow hash, and hashing the id with it
/// ties a stored hash to its own row.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "emk_";

    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static readonly SearchValues<char> Base32Characters = SearchValues.Create(Base32);
    private const int IdLength = 12;
    private const int SecretBytes = 32;
    private static readonly int SecretLength = Base64Url.GetEncodedLength(SecretBytes);

    /// <summary>A new key's id and its full text, which is shown once and never stored.</summary>
    public static (string Id, string Text) New()
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        var bits = BitConverter.ToUInt64(random);
        var id = string.Create(IdLength, bits, static (chars, value) =>
        {
            for (var i = 0; i < chars.Length; i++, value >>= 5)
            {
                chars[i] = Base32[(int)(value & 31)];
            }
        });
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return (id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>Whether <paramref name="value"/> is meant as an API key (rather than a JWT), well-formed or not.</summary>
    public static bool IsPresented(string? value) => value is not null && IsPresented(value.AsSpan());

    /// <summary>The same test on text read in place (a header's bearer value).</summary>
    public static bool IsPresented(ReadOnlySpan<char> value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The id of a well-formed key text; false when it is not one.</summary>
    public static bool TryParse(string text, out string id)
    {
        id = "";
        // The id never holds '_', the secret may: the first '_' after the prefix ends the id.
        if (!IsPresented(text) || text.Length != Prefix.Length + IdLength + 1 + SecretLength || text[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        var candidate = text.AsSpan(Prefix.Length, IdLength);
        var secret = text.AsSpan(Prefix.Length + IdLength + 1);
        if (candidate.ContainsAnyExcept(Base32Characters) || !Base64Url.IsValid(secret))
        {
            return false;
        }

        id = candidate.ToString();
        return true;
    }

    /// <summary>What is stored of a key: the SHA-256 of its text.</summary>
    public static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    /// <summary>Whether <paramref name="text"/> hashes to <paramref name="hash"/>, in time that does not depend on where they differ.</summary>
    public static bool Matches(string text, byte[] hash) => CryptographicOperations.FixedTimeEquals(Hash(text), hash);
}
