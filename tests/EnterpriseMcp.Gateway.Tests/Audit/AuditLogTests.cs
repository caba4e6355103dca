using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnterpriseMcp.Gateway.Tests.Audit;

/// <summary>The audit log on a real SQLite file: durable writes, group commit, and a chain that shows any tampering.</summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("audit-").FullName;

    private string DatabasePath => Path.Combine(_folder, "audit.db");

    [Fact]
    public async Task Records_written_at_once_by_many_callers_are_all_kept_in_one_unbroken_chain_with_fewer_commits_than_records()
    {
        await using var log = await OpenAsync();

        await Task.WhenAll(Enumerable.Range(0, 100).Select(caller => Task.Run(async () =>
        {
            for (var call = 0; call < 5; call++)
            {
                await log.WriteAsync(Record($"user-{caller}", $"jira__tool_{call}"), Token);
            }
        }, Token)));

        var verification = await AuditVerifier.VerifyAsync(log.Store, Token);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(500, verification.Checked);
        Assert.InRange(log.Commits, 1, 499);
        TestContext.Current.TestOutputHelper?.WriteLine($"500 records in {log.Commits} commits.");
    }

    [Fact]
    public async Task Commits_wait_for_the_disk_on_the_logs_own_thread_never_on_a_thread_pool_thread()
    {
        var store = new ThreadNotingStore(new SqliteAuditStore(DatabasePath));
        await using (var log = await AuditLog.OpenAsync(store, NullLogger.Instance, Token))
        {
            await Task.WhenAll(Enumerable.Range(0, 20).Select(call => Task.Run(() => log.WriteAsync(Record($"user-{call}", "jira__get_issue"), Token), Token)));
        }

        Assert.NotEmpty(store.Threads);
        Assert.All(store.Threads, thread => Assert.Equal(("Audit writer", false), thread));
    }

    [Fact]
    public async Task While_another_process_holds_the_file_a_write_fails_and_the_log_is_down_until_a_probe_finds_it_back()
    {
        await using var log = await OpenAsync();
        await using (var blocker = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await blocker.OpenAsync(Token);
            await using var exclusive = blocker.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            await exclusive.ExecuteNonQueryAsync(Token);

            await Assert.ThrowsAsync<AuditUnavailableException>(() => log.WriteAsync(Record("bob", "jira__get_issue"), Token));
            Assert.True(log.Down);
            Assert.False(await log.ProbeAsync(Token));
        }

        Assert.True(await log.ProbeAsync(Token));
        Assert.False(log.Down);
        await log.WriteAsync(Record("bob", "jira__search_issues"), Token);
        Assert.Equal(["jira__search_issues"], (await ReadAllAsync()).Select(record => AuditChain.RecordOf(record.Body)!.Name));
    }

    [Fact]
    public async Task Two_logs_on_one_file_as_two_gateways_have_extend_one_unbroken_chain()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(call =>
            (call % 2 == 0 ? first : second).WriteAsync(Record($"user-{call}", "jira__search_issues"), Token)));

        var verification = await AuditVerifier.VerifyAsync(first.Store, Token);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(40, verification.Checked);
    }

    [Fact]
    public async Task A_written_record_is_on_disk_with_all_its_fields_and_the_chain_continues_after_a_reopen()
    {
        var written = Record("bob", "jira__search_issues") with
        {
            RequestId = "7", TraceId = "4bf92f3577b34da6a3ce929d0e0e4736", SessionHash = "c2Vzc2lvbg", SourceAddress = "127.0.0.1",
            UserAgent = "test/1.0", Backend = "jira", OriginalName = "search_issues", Arguments = new JsonObject { ["jql"] = "project = DEMO" },
            Rule = "developers", Reason = "allowed by rule 'developers'", DurationMilliseconds = 12.5, ResultBytes = 2048,
        };
        await using (var log = await OpenAsync())
        {
            await log.WriteAsync(written, Token);
        }

        await using (var reopened = await OpenAsync())
        {
            await reopened.WriteAsync(Record("carol", "db__query"), Token);
            var records = await ReadAllAsync(reopened.Store);
            Assert.Equal([1L, 2L], records.Select(record => record.Sequence));
            var stored = AuditChain.RecordOf(records[0].Body)!;
            Assert.Equal(AuditChain.BodyOf(written), AuditChain.BodyOf(stored));
            Assert.Equal("bob", records[0].Subject);
            Assert.True((await AuditVerifier.VerifyAsync(reopened.Store, Token)).Intact);
        }
    }

    [Fact]
    public async Task A_record_changed_in_the_database_is_reported_at_that_record()
    {
        await WriteAsync(5);

        await ExecuteAsync("UPDATE audit_records SET body = replace(body, '\"outcome\":\"Denied\"', '\"outcome\":\"Allowed\"') WHERE sequence = 3");

        var verification = await VerifyAsync();
        Assert.Equal(3, verification.BrokenAt);
        Assert.Equal("record 3 was changed: its hash does not match its content.", verification.Problem);
    }

    [Fact]
    public async Task A_changed_record_whose_hash_was_recomputed_is_reported_at_the_next_one()
    {
        await WriteAsync(5);
        var records = await ReadAllAsync();
        var forged = records[2].Body.Replace("\"outcome\":\"Denied\"", "\"outcome\":\"Allowed\"", StringComparison.Ordinal);
        var hash = AuditChain.HashOf(3, forged, records[2].PreviousHash);

        await ExecuteAsync("UPDATE audit_records SET body = $body, hash = $hash, outcome = 'Allowed' WHERE sequence = 3", ("$body", forged), ("$hash", hash));

        var verification = await VerifyAsync();
        Assert.Equal(4, verification.BrokenAt);
        Assert.Contains("record 4 does not follow record 3", verification.Problem);
    }

    [Fact]
    public async Task A_deleted_record_is_reported_as_missing()
    {
        await WriteAsync(5);

        await ExecuteAsync("DELETE FROM audit_records WHERE sequence = 2");

        var verification = await VerifyAsync();
        Assert.Equal(2, verification.BrokenAt);
        Assert.Equal("record 2 is missing.", verification.Problem);
    }

    [Fact]
    public async Task A_query_column_edited_apart_from_the_body_is_reported()
    {
        await WriteAsync(3);

        await ExecuteAsync("UPDATE audit_records SET subject = 'alice' WHERE sequence = 2");

        var verification = await VerifyAsync();
        Assert.Equal(2, verification.BrokenAt);
        Assert.Equal("record 2 was changed: its columns differ from its content.", verification.Problem);
    }

    [Fact]
    public async Task While_the_store_cannot_write_a_write_fails_and_afterwards_the_chain_goes_on_unbroken()
    {
        await using var log = await OpenAsync();
        await log.WriteAsync(Record("bob", "jira__search_issues"), Token);

        // Another connection holds the write lock longer than the store waits for it.
        await using (var blocker = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await blocker.OpenAsync(Token);
            await using var exclusive = blocker.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            await exclusive.ExecuteNonQueryAsync(Token);

            var refused = await Assert.ThrowsAsync<AuditUnavailableException>(() => log.WriteAsync(Record("bob", "db__query"), Token));
            Assert.Contains("could not store the record", refused.Message);
        }

        await log.WriteAsync(Record("bob", "jira__get_issue"), Token);
        var records = await ReadAllAsync(log.Store);
        Assert.Equal(["jira__search_issues", "jira__get_issue"], records.Select(record => record.Name));
        var verification = await AuditVerifier.VerifyAsync(log.Store, Token);
        Assert.True(verification.Intact, verification.Problem);
    }

    private static AuditRecord Record(string subject, string name, AuditOutcome outcome = AuditOutcome.Denied) => new()
    {
        Time = DateTimeOffset.UtcNow,
        Caller = new AuditCaller(subject, "http://localhost:5100", "vscode", null, ["developer"]),
        Method = "tools/call",
        Name = name,
        Outcome = outcome,
    };

    private async Task<AuditLog> OpenAsync() =>
        await AuditLog.OpenAsync(new SqliteAuditStore(DatabasePath), NullLogger.Instance, Token);

    private async Task WriteAsync(int count)
    {
        await using var log = await OpenAsync();
        for (var index = 0; index < count; index++)
        {
            await log.WriteAsync(Record("bob", $"jira__tool_{index}"), Token);
        }
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var store = new SqliteAuditStore(DatabasePath);
        await store.OpenAsync(Token);
        return await AuditVerifier.VerifyAsync(store, Token);
    }

    private async Task<List<SealedAuditRecord>> ReadAllAsync()
    {
        await using var store = new SqliteAuditStore(DatabasePath);
        await store.OpenAsync(Token);
        return await ReadAllAsync(store);
    }

    private static async Task<List<SealedAuditRecord>> ReadAllAsync(IAuditStore store)
    {
        var records = new List<SealedAuditRecord>();
        await foreach (var record in store.ReadAsync(1, Token))
        {
            records.Add(record);
        }

        return records;
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        Assert.Equal(1, await command.ExecuteNonQueryAsync(Token));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>The SQLite store, noting the thread each commit runs on.</summary>
    private sealed class ThreadNotingStore(SqliteAuditStore store) : IAuditStore
    {
        public System.Collections.Concurrent.ConcurrentBag<(string?, bool)> Threads { get; } = [];

        public Task OpenAsync(CancellationToken cancellationToken) => store.OpenAsync(cancellationToken);

        public Task AppendAsync(IReadOnlyList<PendingAuditRecord> records, CancellationToken cancellationToken)
        {
            Threads.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
            return store.AppendAsync(records, cancellationToken);
        }

        public IAsyncEnumerable<SealedAuditRecord> ReadAsync(long fromSequence, CancellationToken cancellationToken) =>
            store.ReadAsync(fromSequence, cancellationToken);

        public IAsyncEnumerable<SealedAuditRecord> QueryAsync(AuditQuery query, CancellationToken cancellationToken) =>
            store.QueryAsync(query, cancellationToken);

        public Task<AuditCheckpoint?> NewestCheckpointAsync(CancellationToken cancellationToken) => store.NewestCheckpointAsync(cancellationToken);

        public Task<bool> PruneAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken) => store.PruneAsync(checkpoint, cancellationToken);

        public ValueTask DisposeAsync() => store.DisposeAsync();
    }
}
