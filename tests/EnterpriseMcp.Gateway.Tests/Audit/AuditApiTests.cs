using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnterpriseMcp.Gateway.Tests.Audit;

/// <summary>
/// The audit endpoints of a gateway in development mode (no authority: loopback callers are administrators) on an SQLite
/// log written beforehand. Who else may call them: <c>Identity/AuditApiAccessTests</c>.
/// </summary>
public sealed class AuditApiTests : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("audit-api-").FullName;
    private readonly HttpClient _http = new();

    private string LogPath => Path.Combine(_folder, "audit.db");

    [Fact]
    public async Task A_page_holds_the_matching_records_and_the_cursor_of_the_next_page_until_the_last()
    {
        await AuditQueryScenario.WriteAsync(new SqliteAuditStore(LogPath), Token);
        await using var gateway = await StartAsync();

        var (status, first) = await GetJsonAsync(gateway, "/admin/audit/records?user=bob&limit=2");
        var (_, second) = await GetJsonAsync(gateway, "/admin/audit/records?user=bob&limit=2&after=3");
        var (_, denied) = await GetJsonAsync(gateway, "/admin/audit/records?outcome=Denied&from=2026-01-01T01:00:00Z&to=2026-01-01T05:00:00Z");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([1L, 3], Sequences(first));
        Assert.Equal(3, (long)first["next"]!);
        Assert.Equal([4L, 6], Sequences(second));
        Assert.Null(second["next"]);
        Assert.Equal([2L], Sequences(denied));
        var record = first["records"]![0]!;
        Assert.Equal("bob", (string?)record["record"]!["caller"]!["subject"]);
        Assert.Equal("jira__get_issue", (string?)record["record"]!["name"]);
        Assert.Equal(64, ((string)record["hash"]!).Length);
        Assert.Equal(new string('0', 64), (string?)record["previousHash"]);
    }

    [Theory]
    [InlineData("/admin/audit/records?outcome=Refused", "Unknown outcome 'Refused'")]
    [InlineData("/admin/audit/records?from=yesterday", "'from' must be an ISO 8601 time")]
    [InlineData("/admin/audit/records?limit=5000", "'limit' must be a whole number from 1 to 1000")]
    [InlineData("/admin/audit/export?usr=bob", "Unknown parameters: usr.")]
    [InlineData("/admin/audit/verify?user=bob", "Unknown parameters: user. It takes none.")]
    public async Task A_bad_parameter_is_answered_400_saying_what_is_wrong(string path, string problem)
    {
        await using var gateway = await StartAsync();

        var (status, answer) = await GetJsonAsync(gateway, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(problem, (string?)answer["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_streams_every_matching_record_as_one_JSON_line_each_across_pages()
    {
        // More than the export's page of 1000, so that it pages on with the cursor.
        await using (var log = await AuditLog.OpenAsync(new SqliteAuditStore(LogPath), NullLogger.Instance, Token))
        {
            await Task.WhenAll(Enumerable.Range(0, 2500).Select(index => log.WriteAsync(
                AuditQueryScenario.Record(index % 2 == 0 ? "bob" : "carol", "jira__get_issue", AuditOutcome.Allowed, AuditQueryScenario.Start.AddSeconds(index)), Token)));
        }

        await using var gateway = await StartAsync();
        using var response = await _http.GetAsync(new Uri(gateway.BaseAddress, "/admin/audit/export?user=bob"), HttpCompletionOption.ResponseHeadersRead, Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = text.Split('\n');
        Assert.Equal("", lines[^1]);
        var records = lines[..^1].Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal(1250, records.Count);
        Assert.All(records, record => Assert.Equal("bob", (string?)record["record"]!["caller"]!["subject"]));
        var sequences = records.Select(record => (long)record["sequence"]!).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(1250, sequences.Distinct().Count());
    }

    [Fact]
    public async Task Verify_reports_an_intact_log_and_then_the_record_changed_in_the_database()
    {
        await AuditQueryScenario.WriteAsync(new SqliteAuditStore(LogPath), Token);
        await using var gateway = await StartAsync();

        var (status, intact) = await GetJsonAsync(gateway, "/admin/audit/verify");
        await using (var connection = new SqliteConnection($"Data Source={LogPath};Pooling=False"))
        {
            await connection.OpenAsync(Token);
            await using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE audit_records SET body = replace(body, '\"Allowed\"', '\"Denied\"') WHERE sequence = 3";
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync(Token));
        }

        var (_, broken) = await GetJsonAsync(gateway, "/admin/audit/verify");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)intact["intact"]!);
        Assert.Equal(6, (long)intact["checked"]!);
        Assert.Null(intact["brokenAt"]);
        Assert.False((bool)broken["intact"]!);
        Assert.Equal(3, (long)broken["brokenAt"]!);
        Assert.Equal(2, (long)broken["checked"]!);
        Assert.Equal("record 3 was changed: its hash does not match its content.", (string?)broken["problem"]);
    }

    private Task<GatewayHost> StartAsync() => GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Audit:Path"] = LogPath });

    private async Task<(HttpStatusCode Status, JsonNode Answer)> GetJsonAsync(GatewayHost gateway, string path)
    {
        using var response = await _http.GetAsync(new Uri(gateway.BaseAddress, path), Token);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!);
    }

    private static List<long> Sequences(JsonNode page) => page["records"]!.AsArray().Select(record => (long)record!["sequence"]!).ToList();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
