using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Tests.Audit;

/// <summary>Retention on the SQLite log: old records removed under a signed checkpoint that verification starts from and checks.</summary>
public sealed class AuditRetentionTests : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("audit-retention-").FullName;

    private string LogPath => Path.Combine(_folder, "audit.db");

    [Fact]
    public async Task Pruned_records_leave_a_checkpoint_that_the_rest_verifies_from()
    {
        await AuditRetentionScenario.WriteAsync(new SqliteAuditStore(LogPath), Token);
        await using var store = await OpenAsync();

        await AuditRetentionScenario.AssertPrunedIntactAsync(store, Token);
    }

    [Fact]
    public async Task A_record_deleted_after_the_checkpoint_or_a_checkpoint_moved_or_removed_is_reported()
    {
        await AuditRetentionScenario.WriteAsync(new SqliteAuditStore(LogPath), Token);
        await using var store = await OpenAsync();

        await AuditRetentionScenario.AssertTamperingReportedAsync(store, ExecuteAsync, Token);
    }

    [Fact]
    public async Task When_every_record_was_removed_the_next_one_follows_the_checkpoint()
    {
        await AuditRetentionScenario.WriteAsync(new SqliteAuditStore(LogPath), Token, old: 4, recent: 0);
        await using (var store = await OpenAsync())
        {
            Assert.Equal(4, (await AuditRetentionScenario.PruneAsync(store, Token)).Removed);
        }

        await using var log = await AuditLog.OpenAsync(new SqliteAuditStore(LogPath), NullLogger.Instance, Token);
        await log.WriteAsync(AuditQueryScenario.Record("bob", "jira__get_issue", AuditOutcome.Allowed, DateTimeOffset.UtcNow), Token);

        Assert.Equal([5L], await AuditQueryScenario.SequencesAsync(log.Store, new AuditQuery(), Token));
        Assert.Equal(new AuditVerification(1, null, null, 4), await AuditVerifier.VerifyAsync(log.Store, Token, AuditRetentionScenario.Key));
    }

    [Fact]
    public async Task A_large_backlog_is_removed_in_chunks_each_with_its_checkpoint()
    {
        await AuditRetentionScenario.WriteAsync(new SqliteAuditStore(LogPath), Token);
        await using var store = await OpenAsync();

        var pruned = await AuditRetentionScenario.PruneAsync(store, Token, chunkSize: 2);

        Assert.Equal((5L, 5L), (pruned.Removed, pruned.Checkpoint!.Sequence));
        Assert.Equal(3L, await ScalarAsync("SELECT count(*) FROM audit_checkpoints"));
        Assert.True((await AuditVerifier.VerifyAsync(store, Token, AuditRetentionScenario.Key)).Intact);
    }

    [Fact]
    public async Task Old_records_that_were_tampered_with_are_not_removed_under_a_signature()
    {
        await AuditRetentionScenario.WriteAsync(new SqliteAuditStore(LogPath), Token);
        await ExecuteAsync("UPDATE audit_records SET body = replace(body, 'bob', 'eve') WHERE sequence = 3");
        await using var store = await OpenAsync();

        var pruned = await AuditRetentionScenario.PruneAsync(store, Token);

        Assert.Equal((0L, (AuditCheckpoint?)null), (pruned.Removed, pruned.Checkpoint));
        Assert.Equal("Records from 3 on were not removed: record 3 was changed: its hash does not match its content.", pruned.Problem);
        Assert.Equal(8L, await ScalarAsync("SELECT count(*) FROM audit_records"));
    }

    [Fact]
    public async Task A_checkpoint_is_not_taken_on_trust_without_the_key_or_with_another()
    {
        await AuditRetentionScenario.WriteAsync(new SqliteAuditStore(LogPath), Token);
        await using var store = await OpenAsync();
        await AuditRetentionScenario.PruneAsync(store, Token);

        var withoutKey = await AuditVerifier.VerifyAsync(store, Token);
        var otherKey = await AuditVerifier.VerifyAsync(store, Token, new byte[32]);

        Assert.Equal(5, withoutKey.BrokenAt);
        Assert.Contains("cannot be checked without Gateway:Audit:CheckpointKey", withoutKey.Problem, StringComparison.Ordinal);
        Assert.Equal(5, otherKey.BrokenAt);
        Assert.Contains("is not signed with Gateway:Audit:CheckpointKey", otherKey.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_with_retention_removes_the_old_records_when_it_starts_and_its_verify_endpoint_checks_the_checkpoint()
    {
        await AuditRetentionScenario.WriteAsync(new SqliteAuditStore(LogPath), Token);

        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Audit:Path"] = LogPath, ["Gateway:Audit:RetentionDays"] = "5", ["Gateway:Audit:CheckpointKey"] = AuditRetentionScenario.KeyText,
        });

        Assert.True(await Eventually.TrueAsync(async () => await ScalarAsync("SELECT count(*) FROM audit_records") == 3));
        Assert.Equal(5L, await ScalarAsync("SELECT sequence FROM audit_checkpoints"));
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var intact = JsonNode.Parse(await http.GetStringAsync("/admin/audit/verify", Token))!;
        await ExecuteAsync("UPDATE audit_checkpoints SET time = '2020-01-01T00:00:00.0000000Z'");
        var forged = JsonNode.Parse(await http.GetStringAsync("/admin/audit/verify", Token))!;

        Assert.Equal("""{"checked":3,"brokenAt":null,"problem":null,"checkpoint":5,"intact":true}""", intact.ToJsonString());
        Assert.Equal(5, (long)forged["brokenAt"]!);
        Assert.Equal("the checkpoint at record 5 is not signed with Gateway:Audit:CheckpointKey: it was forged or changed.", (string?)forged["problem"]);
    }

    [Theory]
    [InlineData(30, null, "Gateway:Audit:CheckpointKey is required when Gateway:Audit:RetentionDays is set")]
    [InlineData(30, "c2hvcnQ=", "Gateway:Audit:CheckpointKey must be base64 of at least 32 random bytes")]
    [InlineData(30, "not base64!", "Gateway:Audit:CheckpointKey must be base64")]
    [InlineData(0, null, "Gateway:Audit:RetentionDays must be at least 1 (it is 0)")]
    public void Retention_without_a_usable_key_or_with_no_days_is_refused_naming_the_setting(int days, string? key, string problem)
    {
        var options = new AuditOptions { RetentionDays = days, CheckpointKey = key };

        var result = new AuditOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(problem, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Retention_with_a_key_and_no_retention_at_all_are_valid()
    {
        Assert.True(new AuditOptionsValidator().Validate(null, new AuditOptions { RetentionDays = 90, CheckpointKey = AuditRetentionScenario.KeyText }).Succeeded);
        Assert.True(new AuditOptionsValidator().Validate(null, new AuditOptions()).Succeeded);
    }

    private async Task<SqliteAuditStore> OpenAsync()
    {
        var store = new SqliteAuditStore(LogPath);
        await store.OpenAsync(Token);
        return store;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={LogPath};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(await command.ExecuteNonQueryAsync(Token) > 0);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={LogPath};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
