namespace EnterpriseMcp.Gateway.Audit;

/// <summary>The result of checking the chain: how many records were checked, and the first broken link if any.</summary>
public sealed record AuditVerification(long Checked, long? BrokenAt, string? Problem)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>
/// Walks the log from its start and reports the first record that does not hold: one missing (a gap in the sequence),
/// one changed (its hash does not match its content), one whose predecessor was changed or replaced (its previous hash
/// does not match), or one whose query columns were edited apart from its body.
/// </summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(IAuditStore store, CancellationToken cancellationToken,
        long fromSequence = 1, byte[]? startHash = null)
    {
        var expected = fromSequence;
        var previous = startHash ?? AuditChain.Genesis;
        var checkedCount = 0L;
        await foreach (var record in store.ReadAsync(fromSequence, cancellationToken))
        {
            if (ProblemOf(record, expected, previous) is { } problem)
            {
                return new AuditVerification(checkedCount, Math.Min(record.Sequence, expected), problem);
            }

            checkedCount++;
            expected = record.Sequence + 1;
            previous = record.Hash;
        }

        return new AuditVerification(checkedCount, null, null);
    }

    private static string? ProblemOf(SealedAuditRecord record, long expected, byte[] previous)
    {
        if (record.Sequence != expected)
        {
            return record.Sequence - expected == 1
                ? $"record {expected} is missing."
                : $"records {expected} to {record.Sequence - 1} are missing.";
        }

        if (!record.PreviousHash.AsSpan().SequenceEqual(previous))
        {
            return $"record {record.Sequence} does not follow record {record.Sequence - 1}: the chain was changed before it.";
        }

        if (!record.Hash.AsSpan().SequenceEqual(AuditChain.HashOf(record.Sequence, record.Body, record.PreviousHash)))
        {
            return $"record {record.Sequence} was changed: its hash does not match its content.";
        }

        var body = AuditChain.RecordOf(record.Body);
        return body is null || body.Time != record.Time || body.Caller.Subject != record.Subject || body.Name != record.Name
            || body.Outcome != record.Outcome
            ? $"record {record.Sequence} was changed: its columns differ from its content."
            : null;
    }
}
