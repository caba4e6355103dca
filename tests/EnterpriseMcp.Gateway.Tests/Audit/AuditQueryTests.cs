using EnterpriseMcp.Gateway.Audit;

namespace EnterpriseMcp.Gateway.Tests.Audit;

/// <summary>Queries of the SQLite log: each filter, paging, and the parameters' parsing that the endpoint and the command share.</summary>
public sealed class AuditQueryTests : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("audit-query-").FullName;

    [Fact]
    public async Task Each_filter_finds_exactly_its_records_in_sequence_order_and_the_cursor_pages_on()
    {
        await AuditQueryScenario.WriteAsync(new SqliteAuditStore(Path.Combine(_folder, "audit.db")), Token);
        await using var reader = new SqliteAuditStore(Path.Combine(_folder, "audit.db"));
        await reader.OpenAsync(Token);

        await AuditQueryScenario.AssertFiltersAsync(reader, Token);
    }

    [Fact]
    public void Parameters_are_read_by_their_names_with_the_default_limit()
    {
        var values = new Dictionary<string, string>
        {
            ["user"] = "bob", ["tool"] = "jira__get_issue", ["outcome"] = "denied", ["from"] = "2026-01-01", ["to"] = "2026-01-02T12:00:00+02:00",
            ["after"] = "41",
        };

        Assert.True(AuditQuery.TryParse(values.GetValueOrDefault, AuditQuery.DefaultLimit, AuditQuery.MaxLimit, out var query, out var problem), problem);

        Assert.Equal(new AuditQuery
        {
            Subject = "bob", Name = "jira__get_issue", Outcome = AuditOutcome.Denied, From = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.Zero), After = 41, Limit = 100,
        }, query);
    }

    [Theory]
    [InlineData("outcome", "Refused", "Unknown outcome 'Refused': use one of Allowed, Denied, Limited, Failed.")]
    [InlineData("outcome", "1", "Unknown outcome '1'")]
    [InlineData("from", "yesterday", "'from' must be an ISO 8601 time")]
    [InlineData("after", "-1", "'after' must be a sequence number")]
    [InlineData("limit", "1001", "'limit' must be a whole number from 1 to 1000, not '1001'.")]
    [InlineData("limit", "0", "'limit' must be a whole number from 1 to 1000")]
    [InlineData("to", "2025-12-31", "'to' (2025-12-31T00:00:00.0000000+00:00) must be later than 'from'")]
    public void A_bad_parameter_is_refused_with_what_to_give(string name, string value, string problem)
    {
        var values = new Dictionary<string, string> { ["from"] = "2026-01-01T00:00:00Z", [name] = value };

        Assert.False(AuditQuery.TryParse(values.GetValueOrDefault, AuditQuery.DefaultLimit, AuditQuery.MaxLimit, out _, out var said));

        Assert.Contains(problem, said, StringComparison.Ordinal);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
