using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// The hash chain that makes the log tamper-evident: each record's hash covers its sequence number, its JSON and the hash
/// of the record before it, so changing, removing or reordering any record breaks every link after it.
/// </summary>
public static class AuditChain
{
    /// <summary>What the first record's "previous hash" is: 32 zero bytes.</summary>
    public static readonly byte[] Genesis = new byte[SHA256.HashSizeInBytes];

    public static string BodyOf(AuditRecord record) => JsonSerializer.Serialize(record, AuditJson.Default.AuditRecord);

    public static AuditRecord? RecordOf(string body) => JsonSerializer.Deserialize(body, AuditJson.Default.AuditRecord);

    /// <summary>The record that follows <paramref name="end"/>, sealed into the chain.</summary>
    public static SealedAuditRecord Seal(AuditRecord record, string body, AuditChainEnd end)
    {
        var sequence = end.Sequence + 1;
        return new SealedAuditRecord(sequence, record.Time, record.Caller.Subject, record.Name, record.Outcome, body,
            end.Hash, HashOf(sequence, body, end.Hash));
    }

    /// <summary>
    /// <paramref name="records"/> sealed in order after <paramref name="end"/>. Stores call it inside the transaction that
    /// read <paramref name="end"/> under the table's write lock, so that several writers (gateway replicas) extend one chain.
    /// </summary>
    public static List<SealedAuditRecord> SealAll(IReadOnlyList<PendingAuditRecord> records, AuditChainEnd end)
    {
        var sealedRecords = new List<SealedAuditRecord>(records.Count);
        foreach (var pending in records)
        {
            var record = Seal(pending.Record, pending.Body, end);
            sealedRecords.Add(record);
            end = new AuditChainEnd(record.Sequence, record.Hash);
        }

        return sealedRecords;
    }

    public static byte[] HashOf(long sequence, string body, byte[] previousHash)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var input = new byte[previousHash.Length + sizeof(long) + bytes.Length];
        previousHash.CopyTo(input, 0);
        BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(previousHash.Length), sequence);
        bytes.CopyTo(input, previousHash.Length + sizeof(long));
        return SHA256.HashData(input);
    }
}
