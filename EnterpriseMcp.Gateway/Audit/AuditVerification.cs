namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// The result of checking the chain: how many records were checked, and the first broken link if any (a record's
/// sequence number, or the checkpoint's when the checkpoint itself does not hold). <see cref="Checkpoint"/> is the
/// sequence number of the newest checkpoint the check started after, if retention removed records.
/// </summary>
public sealed record AuditVerification(long Checked, long? BrokenAt, string? Problem, long? Checkpoint = null)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>
/// Walks the log from its start, or from its newest checkpoint when retention removed records (whose signature it checks
/// first), and reports the first record that does not hold: one missing (a gap in the sequence, or records removed
/// beyond the checkpoint), one changed (its hash does not match its content), one whose predecessor was changed or
/// replaced (its previous hash does not match), or one whose query columns were edited apart from its body.
/// </summary>
public static class AuditVerifier
{
    /// <param name="checkpointKey"><c>Gateway:Audit:CheckpointKey</c>; without it a log that has a checkpoint cannot be verified.</param>
    public static async Task<AuditVerification> VerifyAsync(IAuditStore store, CancellationToken cancellationToken, byte[]? checkpointKey = null)
    {
        var checkpoint = await store.NewestCheckpointAsync(cancellationToken);
        if (checkpoint is not null && CheckpointProblemOf(checkpoint, checkpointKey) is { } refused)
        {
            return new AuditVerification(0, checkpoint.Sequence, refused, checkpoint.Sequence);
        }

        var expected = (checkpoint?.Sequence ?? 0) + 1;
        var previous = checkpoint?.Hash ?? AuditChain.Genesis;
        var checkedCount = 0L;
        await foreach (var record in store.ReadAsync(expected, cancellationToken))
        {
            if (ProblemOf(record, expected, previous) is { } problem)
            {
                return new AuditVerification(checkedCount, Math.Min(record.Sequence, expected), problem, checkpoint?.Sequence);
            }

            checkedCount++;
            expected = record.Sequence + 1;
            previous = record.Hash;
        }

        return new AuditVerification(checkedCount, null, null, checkpoint?.Sequence);
    }

    internal static string? CheckpointProblemOf(AuditCheckpoint checkpoint, byte[]? key)
    {
        if (key is null)
        {
            return $"records up to {checkpoint.Sequence} were removed by retention, and the checkpoint they left cannot be checked "
                + $"without {AuditOptions.SectionName}:CheckpointKey.";
        }

        return checkpoint.IsSignedWith(key)
            ? null
            : $"the checkpoint at record {checkpoint.Sequence} is not signed with {AuditOptions.SectionName}:CheckpointKey: it was forged or changed.";
    }

    internal static string? ProblemOf(SealedAuditRecord record, long expected, byte[] previous)
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
