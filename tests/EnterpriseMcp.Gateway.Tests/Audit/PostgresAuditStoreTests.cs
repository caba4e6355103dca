using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EnterpriseMcp.Gateway.Tests.Audit;

/// <summary>The audit log on a real PostgreSQL (Debian's server): the same chain, the same checks, the same failure behaviour.</summary>
public sealed class PostgresAuditStoreTests(AuditPostgres postgres) : IClassFixture<AuditPostgres>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Records_written_at_once_are_all_stored_in_one_unbroken_chain_that_survives_a_reopen()
    {
        var database = await postgres.NewDatabaseAsync();
        await using (var log = await AuditLog.OpenAsync(new PostgresAuditStore(database), NullLogger.Instance, Token))
        {
            await Task.WhenAll(Enumerable.Range(0, 200).Select(caller => log.WriteAsync(Record($"user-{caller}"), Token)));
            Assert.InRange(log.Commits, 1, 199);
        }

        await using var reopened = await AuditLog.OpenAsync(new PostgresAuditStore(database), NullLogger.Instance, Token);
        await reopened.WriteAsync(Record("after-reopen"), Token);
        var verification = await AuditVerifier.VerifyAsync(reopened.Store, Token);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(201, verification.Checked);
    }

    [Fact]
    public async Task A_record_changed_or_deleted_in_the_database_is_reported()
    {
        var database = await postgres.NewDatabaseAsync();
        await using var log = await AuditLog.OpenAsync(new PostgresAuditStore(database), NullLogger.Instance, Token);
        for (var index = 0; index < 5; index++)
        {
            await log.WriteAsync(Record("bob"), Token);
        }

        await ExecuteAsync(database, "UPDATE audit_records SET body = replace(body, 'bob', 'eve') WHERE sequence = 4");
        Assert.Equal(4, (await AuditVerifier.VerifyAsync(log.Store, Token)).BrokenAt);

        await ExecuteAsync(database, "DELETE FROM audit_records WHERE sequence = 2");
        var verification = await AuditVerifier.VerifyAsync(log.Store, Token);
        Assert.Equal(2, verification.BrokenAt);
        Assert.Equal("record 2 is missing.", verification.Problem);
    }

    [Fact]
    public async Task While_the_table_is_locked_a_write_fails_and_afterwards_the_chain_goes_on_unbroken()
    {
        var database = await postgres.NewDatabaseAsync();
        await using var log = await AuditLog.OpenAsync(new PostgresAuditStore(database + ";Command Timeout=2"), NullLogger.Instance, Token);
        await log.WriteAsync(Record("bob"), Token);

        await using (var blocker = new NpgsqlConnection(database))
        {
            await blocker.OpenAsync(Token);
            await using var transaction = await blocker.BeginTransactionAsync(Token);
            await using var lockTable = new NpgsqlCommand("LOCK TABLE audit_records IN ACCESS EXCLUSIVE MODE", blocker, transaction);
            await lockTable.ExecuteNonQueryAsync(Token);

            await Assert.ThrowsAsync<AuditUnavailableException>(() => log.WriteAsync(Record("carol"), Token));
        }

        await log.WriteAsync(Record("alice"), Token);
        var verification = await AuditVerifier.VerifyAsync(log.Store, Token);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(2, verification.Checked);
    }

    [Fact]
    public async Task Each_filter_finds_exactly_its_records_in_sequence_order_and_the_cursor_pages_on()
    {
        var database = await postgres.NewDatabaseAsync();
        await AuditQueryScenario.WriteAsync(new PostgresAuditStore(database), Token);
        await using var store = new PostgresAuditStore(database);
        await store.OpenAsync(Token);

        await AuditQueryScenario.AssertFiltersAsync(store, Token);
    }

    [Fact]
    public async Task Pruned_records_leave_a_checkpoint_that_the_rest_verifies_from()
    {
        var database = await postgres.NewDatabaseAsync();
        await AuditRetentionScenario.WriteAsync(new PostgresAuditStore(database), Token);
        await using var store = new PostgresAuditStore(database);
        await store.OpenAsync(Token);

        await AuditRetentionScenario.AssertPrunedIntactAsync(store, Token);
    }

    [Fact]
    public async Task A_record_deleted_after_the_checkpoint_or_a_checkpoint_moved_or_removed_is_reported()
    {
        var database = await postgres.NewDatabaseAsync();
        await AuditRetentionScenario.WriteAsync(new PostgresAuditStore(database), Token);
        await using var store = new PostgresAuditStore(database);
        await store.OpenAsync(Token);

        await AuditRetentionScenario.AssertTamperingReportedAsync(store, sql => ExecuteAsync(database, sql), Token);
    }

    [Fact]
    public async Task When_every_record_was_removed_the_next_one_follows_the_checkpoint()
    {
        var database = await postgres.NewDatabaseAsync();
        await AuditRetentionScenario.WriteAsync(new PostgresAuditStore(database), Token, old: 4, recent: 0);
        await using var log = await AuditLog.OpenAsync(new PostgresAuditStore(database), NullLogger.Instance, Token);
        Assert.Equal(4, (await AuditRetentionScenario.PruneAsync(log.Store, Token)).Removed);

        await log.WriteAsync(AuditQueryScenario.Record("bob", "jira__get_issue", AuditOutcome.Allowed, DateTimeOffset.UtcNow), Token);

        Assert.Equal(new AuditVerification(1, null, null, 4), await AuditVerifier.VerifyAsync(log.Store, Token, AuditRetentionScenario.Key));
    }

    private static AuditRecord Record(string subject) => new()
    {
        Time = DateTimeOffset.UtcNow,
        Caller = new AuditCaller(subject, "http://localhost:5100", "vscode", null, ["developer"]),
        Method = "tools/call",
        Name = "jira__search_issues",
        Outcome = AuditOutcome.Allowed,
    };

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Token));
    }
}
