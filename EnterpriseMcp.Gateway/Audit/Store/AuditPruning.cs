namespace EnterpriseMcp.Gateway.Audit;

/// <summary>What a prune did: the records removed, the newest checkpoint it wrote, and why it stopped early if it did.</summary>
public sealed record AuditPruneResult(long Removed, AuditCheckpoint? Checkpoint, string? Problem);

/// <summary>
/// Removes the oldest records, those before the first record within the retention, leaving a signed checkpoint where
/// they were. It checks the chain of what it removes first: a checkpoint is signed only over records that held, so
/// tampering with old records cannot be laundered by letting retention remove them.
/// </summary>
public static class AuditPruning
{
    // Each chunk is one transaction that holds the write lock: bounded, so calls are not kept waiting while a large backlog
    // (the first sweep after retention is switched on) is removed.
    public const int ChunkSize = 10_000;

    public static async Task<AuditPruneResult> PruneAsync(IAuditStore store, byte[] checkpointKey, DateTimeOffset cutoff, DateTimeOffset now,
        CancellationToken cancellationToken, int chunkSize = ChunkSize)
    {
        var start = await store.NewestCheckpointAsync(cancellationToken);
        if (start is not null && AuditVerifier.CheckpointProblemOf(start, checkpointKey) is { } refused)
        {
            return new AuditPruneResult(0, null, $"No record was removed: {refused}");
        }

        var (removed, written) = (0L, (AuditCheckpoint?)null);
        while (true)
        {
            var (expected, previous) = ((start?.Sequence ?? 0) + 1, start?.Hash ?? AuditChain.Genesis);
            SealedAuditRecord? last = null;
            var count = 0;
            await foreach (var record in store.QueryAsync(new AuditQuery { After = start?.Sequence ?? 0, Limit = chunkSize }, cancellationToken))
            {
                // Records are removed from the start of the chain only; one within the retention ends the prune.
                if (record.Time >= cutoff)
                {
                    break;
                }

                if (AuditVerifier.ProblemOf(record, expected, previous) is { } problem)
                {
                    return new AuditPruneResult(removed, written, $"Records from {expected} on were not removed: {problem}");
                }

                (last, count, expected, previous) = (record, count + 1, record.Sequence + 1, record.Hash);
            }

            if (last is null)
            {
                return new AuditPruneResult(removed, written, null);
            }

            var checkpoint = AuditCheckpoint.Sign(checkpointKey, last.Sequence, last.Hash, now);
            if (!await store.PruneAsync(checkpoint, cancellationToken))
            {
                // Another gateway on the same store removed them first; its sweep goes on.
                return new AuditPruneResult(removed, written, null);
            }

            (removed, written, start) = (removed + count, checkpoint, checkpoint);
            if (count < chunkSize)
            {
                return new AuditPruneResult(removed, written, null);
            }
        }
    }
}
