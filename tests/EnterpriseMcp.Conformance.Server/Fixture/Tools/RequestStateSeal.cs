using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ModelContextProtocol;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>
/// Signs the requestState a tool hands the client between rounds, so a client can neither forge
/// nor alter it (SEP-2322). The key lives only in this process: fine for a single-instance fixture,
/// where a state from an earlier process is as good as forged.
/// </summary>
internal static class RequestStateSeal
{
    private static readonly byte[] s_key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Seals <paramref name="payload"/> for the tool named <paramref name="purpose"/>.</summary>
    public static string Seal(string purpose, string payload)
    {
        var data = Encoding.UTF8.GetBytes(payload);
        return $"{Base64Url.EncodeToString(data)}.{Base64Url.EncodeToString(Sign(purpose, data))}";
    }

    /// <summary>The payload of a state this process sealed for <paramref name="purpose"/>; a JSON-RPC invalid-params error otherwise.</summary>
    public static string Open(string purpose, string state)
    {
        var dot = state.IndexOf('.');
        if (dot > 0
            && TryDecode(state[..dot], out var data)
            && TryDecode(state[(dot + 1)..], out var signature)
            && CryptographicOperations.FixedTimeEquals(signature, Sign(purpose, data)))
        {
            return Encoding.UTF8.GetString(data);
        }

        throw new McpProtocolException("requestState failed its integrity check.", McpErrorCode.InvalidParams);
    }

    private static byte[] Sign(string purpose, byte[] data) =>
        HMACSHA256.HashData(s_key, (byte[])[.. Encoding.UTF8.GetBytes(purpose), 0, .. data]);

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written))
        {
            return false;
        }

        bytes = bytes[..written];
        return true;
    }
}
