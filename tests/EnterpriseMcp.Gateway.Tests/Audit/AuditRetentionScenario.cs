using EnterpriseMcp.Gateway.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnterpriseMcp.Gateway.Tests.Audit;

/// <summary>
/// Five records ten days old and three of the last hour, pruned at five days' retention; then what a verifier must find
/// when the checkpoint or the records after it are tampered with: the same for every store.
/// </summary>
internal static class AuditRetentionScenario
{
    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(value => (byte)value).ToArray();

    public static readonly string KeyText = Convert.ToBase64String(Key);

    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static readonly DateTimeOffset Cutoff = Now.AddDays(-5);

    /// <summary>Writes the eight records to <paramref name="store"/> and closes it.</summary>
    public static async Task WriteAsync(IAuditStore store, CancellationToken cancellationToken, int old = 5, int recent = 3)
    {
        await using var log = await AuditLog.OpenAsync(store, NullLogger.Instance, cancellationToken);
        for (var index = 0; index < old + recent; index++)
        {
            var time = index < old ? Now.AddDays(-10).AddMinutes(index) : Now.AddHours(-1).AddMinutes(index);
            await log.WriteAsync(AuditQueryScenario.Record("bob", $"jira__tool_{index}", AuditOutcome.Allowed, time), cancellationToken);
        }
    }

    public static Task<AuditPruneResult> PruneAsync(IAuditStore store, CancellationToken cancellationToken, int chunkSize = AuditPruning.ChunkSize) =>
        AuditPruning.PruneAsync(store, Key, Cutoff, Now, cancellationToken, chunkSize);

    /// <summary>Pruned: the old records are gone, the checkpoint is at the last of them, the rest verifies from there, and the chain goes on.</summary>
    public static async Task AssertPrunedIntactAsync(IAuditStore store, CancellationToken cancellationToken)
    {
        var pruned = await PruneAsync(store, cancellationToken);

        Assert.Null(pruned.Problem);
        Assert.Equal(5, pruned.Removed);
        Assert.Equal(5, pruned.Checkpoint!.Sequence);
        Assert.Equal([6L, 7, 8], await AuditQueryScenario.SequencesAsync(store, new AuditQuery(), cancellationToken));
        Assert.Equal(5, (await store.NewestCheckpointAsync(cancellationToken))!.Sequence);
        Assert.Equal(new AuditVerification(3, null, null, 5), await AuditVerifier.VerifyAsync(store, cancellationToken, Key));
        var again = await PruneAsync(store, cancellationToken);
        Assert.Equal((0L, (AuditCheckpoint?)null, (string?)null), (again.Removed, again.Checkpoint, again.Problem));
    }

    /// <summary>Records removed after the checkpoint, and the checkpoint moved over them to hide it: reported, as is the removal alone.</summary>
    public static async Task AssertTamperingReportedAsync(IAuditStore store, Func<string, Task> execute, CancellationToken cancellationToken)
    {
        await PruneAsync(store, cancellationToken);

        await execute("DELETE FROM audit_records WHERE sequence = 6");
        var deleted = await AuditVerifier.VerifyAsync(store, cancellationToken, Key);
        Assert.Equal(new AuditVerification(0, 6, "record 6 is missing.", 5), deleted);

        // Moving the checkpoint to the record before the next remaining one, as someone hiding the deletion would.
        await execute("UPDATE audit_checkpoints SET sequence = 6, hash = (SELECT previous_hash FROM audit_records WHERE sequence = 7)");
        var moved = await AuditVerifier.VerifyAsync(store, cancellationToken, Key);
        Assert.Equal(6, moved.BrokenAt);
        Assert.Equal("the checkpoint at record 6 is not signed with Gateway:Audit:CheckpointKey: it was forged or changed.", moved.Problem);

        await execute("DELETE FROM audit_checkpoints");
        var noCheckpoint = await AuditVerifier.VerifyAsync(store, cancellationToken, Key);
        Assert.Equal((1L, "records 1 to 6 are missing."), (noCheckpoint.BrokenAt!.Value, noCheckpoint.Problem));
    }
}
