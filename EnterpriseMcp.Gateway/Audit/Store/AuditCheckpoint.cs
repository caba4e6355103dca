using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// Where the log starts after records were removed: the sequence number and hash of the last removed record, when it was
/// removed, and an HMAC-SHA256 over the three with <c>Gateway:Audit:CheckpointKey</c>. The chain's first remaining record
/// must follow it; without the key, which is in the configuration and never in the store, nobody who can write to the
/// store can move the start of the log (to hide records removed beyond it) or forge one.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, byte[] Hash, DateTimeOffset Time, byte[] Signature)
{
    // Versioned, so that another use of the same key can never produce a valid checkpoint signature.
    private static readonly byte[] Purpose = "EnterpriseMcp.Audit.Checkpoint/1\n"u8.ToArray();

    public static AuditCheckpoint Sign(byte[] key, long sequence, byte[] hash, DateTimeOffset time) =>
        new(sequence, hash, time, HMACSHA256.HashData(key, Signed(sequence, hash, time)));

    public bool IsSignedWith(byte[] key) =>
        CryptographicOperations.FixedTimeEquals(Signature, HMACSHA256.HashData(key, Signed(Sequence, Hash, Time)));

    private static byte[] Signed(long sequence, byte[] hash, DateTimeOffset time)
    {
        var timeText = Encoding.UTF8.GetBytes(SqliteAuditStore.TimeText(time));
        var input = new byte[Purpose.Length + sizeof(long) + hash.Length + timeText.Length];
        Purpose.CopyTo(input, 0);
        BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(Purpose.Length), sequence);
        hash.CopyTo(input, Purpose.Length + sizeof(long));
        timeText.CopyTo(input, Purpose.Length + sizeof(long) + hash.Length);
        return input;
    }
}
