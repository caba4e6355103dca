using System.Text;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Audit;
using Microsoft.Data.Sqlite;

namespace EnterpriseMcp.Gateway.Tests.Audit;

/// <summary><c>EnterpriseMcp.Gateway audit ...</c> run in-process on a temporary SQLite log, configured as the gateway would be.</summary>
public sealed class AuditCommandTests : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("audit-command-").FullName;

    private string LogPath => Path.Combine(_folder, "audit.db");

    public async ValueTask InitializeAsync() => await AuditQueryScenario.WriteAsync(new SqliteAuditStore(LogPath), Token);

    [Fact]
    public async Task Verify_exits_0_on_an_intact_log_and_1_naming_the_changed_record()
    {
        var intact = await RunAsync("verify");
        await using (var connection = new SqliteConnection($"Data Source={LogPath};Pooling=False"))
        {
            await connection.OpenAsync(Token);
            await using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE audit_records SET body = replace(body, '\"Denied\"', '\"Allowed\"') WHERE sequence = 2";
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync(Token));
        }

        var broken = await RunAsync("verify");

        Assert.Equal((0, "Intact: 6 record(s) checked.\n"), (intact.Exit, intact.Output));
        Assert.Equal(1, broken.Exit);
        Assert.Equal("Broken at record 2: record 2 was changed: its hash does not match its content. (1 record(s) checked before it.)\n", broken.Output);
    }

    [Fact]
    public async Task Query_prints_a_table_of_the_matching_records_and_the_cursor_of_the_next_page()
    {
        var (exit, output, _) = await RunAsync("query", "--user", "bob", "--limit=2");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("SEQUENCE  TIME (UTC)           OUTCOME  USER  NAME", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("1         2026-01-01 00:00:00  Allowed  bob   jira__get_issue     jira", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("3         2026-01-01 02:00:00  Allowed  bob   jira__create_issue  jira", lines[2], StringComparison.Ordinal);
        Assert.Equal("2 record(s); more after --after 3.", lines[3]);
    }

    [Fact]
    public async Task Query_with_json_prints_one_record_per_line()
    {
        var (exit, output, _) = await RunAsync("query", "--outcome", "limited", "--json");

        Assert.Equal(0, exit);
        var record = JsonNode.Parse(Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)))!;
        Assert.Equal(4, (long)record["sequence"]!);
        Assert.Equal("Limited", (string?)record["record"]!["outcome"]);
    }

    [Fact]
    public async Task Export_writes_every_matching_record_as_JSON_lines_to_the_file()
    {
        var file = Path.Combine(_folder, "denied.ndjson");

        var (exit, output, _) = await RunAsync("export", "--outcome", "Denied", "--output", file);

        Assert.Equal((0, ""), (exit, output));
        var records = (await File.ReadAllLinesAsync(file, Token)).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal([2L, 6], records.Select(record => (long)record["sequence"]!));
        Assert.Equal(["carol", "bob"], records.Select(record => (string?)record["record"]!["caller"]!["subject"]));
    }

    [Fact]
    public async Task Prune_removes_the_records_older_than_the_retention_and_verify_then_starts_from_its_checkpoint()
    {
        string[] retention = ["--Gateway:Audit:RetentionDays=30", $"--Gateway:Audit:CheckpointKey={AuditRetentionScenario.KeyText}"];

        var pruned = await RunAsync(["prune", .. retention]);
        var verified = await RunAsync(["verify", .. retention]);
        var withoutKey = await RunAsync("verify");

        // The scenario's records are of 1 January 2026, older than 30 days.
        Assert.Equal((0, "Removed 6 record(s), through record 6; the checkpoint there is signed.\n"), (pruned.Exit, pruned.Output));
        Assert.Equal((0, "Intact: 0 record(s) checked, after the checkpoint at record 6.\n"), (verified.Exit, verified.Output));
        Assert.Equal(1, withoutKey.Exit);
        Assert.Contains("cannot be checked without Gateway:Audit:CheckpointKey", withoutKey.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_without_retention_or_retention_without_a_key_exits_2_naming_the_setting()
    {
        var noRetention = await RunAsync("prune");
        var noKey = await RunAsync("prune", "--Gateway:Audit:RetentionDays=30");

        Assert.Equal(2, noRetention.Exit);
        Assert.Contains("Gateway:Audit:RetentionDays is not set", noRetention.Errors, StringComparison.Ordinal);
        Assert.Equal(2, noKey.Exit);
        Assert.Contains("Gateway:Audit:CheckpointKey is required when Gateway:Audit:RetentionDays is set", noKey.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "No audit command given.")]
    [InlineData(new[] { "check" }, "Unknown audit command 'check'.")]
    [InlineData(new[] { "query", "--usr", "bob" }, "Unknown option --usr.")]
    [InlineData(new[] { "query", "--user" }, "The option --user needs a value.")]
    [InlineData(new[] { "query", "--outcome", "Refused" }, "Unknown outcome 'Refused'")]
    [InlineData(new[] { "query", "--from", "last week" }, "'from' must be an ISO 8601 time")]
    [InlineData(new[] { "verify", "--user", "bob" }, "audit verify takes no filters")]
    public async Task A_usage_error_exits_2_saying_what_is_wrong_and_how_to_use_it(string[] args, string problem)
    {
        var (exit, _, errors) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains(problem, errors, StringComparison.Ordinal);
        Assert.Contains("Usage: EnterpriseMcp.Gateway audit <command>", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_that_is_not_there_is_an_error_not_an_empty_intact_log()
    {
        var missing = Path.Combine(_folder, "elsewhere", "audit.db");

        var (exit, _, errors) = await AuditCommandRunner.RunAsync(["verify", "--contentRoot", _folder, $"--Gateway:Audit:Path={missing}"]);

        Assert.Equal(2, exit);
        Assert.Contains($"There is no audit log at {missing}", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    /// <summary>The command with this test's log, as an administrator would give it on the command line.</summary>
    private Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args) =>
        AuditCommandRunner.RunAsync([.. args, "--contentRoot", _folder, $"--Gateway:Audit:Path={LogPath}"]);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

internal static class AuditCommandRunner
{
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(string[] args)
    {
        using var output = new MemoryStream();
        using var errors = new StringWriter();
        var exit = await AuditCommand.RunAsync(args, output, errors, TestContext.Current.CancellationToken);
        return (exit, Encoding.UTF8.GetString(output.ToArray()), errors.ToString());
    }
}
