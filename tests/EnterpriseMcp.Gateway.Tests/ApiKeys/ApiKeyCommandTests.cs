using EnterpriseMcp.Gateway.ApiKeys;
using Microsoft.Data.Sqlite;

namespace EnterpriseMcp.Gateway.Tests.ApiKeys;

/// <summary><c>apikeys create|list|revoke</c> run in-process on a gateway content root of their own, as an administrator runs them.</summary>
public sealed class ApiKeyCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gateway-apikeys-").FullName;

    [Fact]
    public async Task Create_prints_the_key_once_list_shows_it_without_secrets_and_revoke_marks_it_revoked()
    {
        var created = await RunAsync("create", "--name", "ci-nightly", "--scopes", "jira.read db.read", "--roles", "developer", "--expires", "30d");
        var fields = created.Output.Split(Environment.NewLine).Select(line => line.Split(": ", 2)).Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
        var (id, key) = (fields["id"], fields["key"]);

        var listed = await RunAsync("list");
        var revoked = await RunAsync("revoke", id);
        var again = await RunAsync("revoke", id);
        var afterwards = await RunAsync("list");

        Assert.Equal(0, created.Exit);
        Assert.True(ApiKeyFormat.TryParse(key, out var parsed) && parsed == id);
        Assert.Equal(1, created.Output.Split(ApiKeyFormat.Prefix).Length - 1);
        Assert.InRange(DateTimeOffset.Parse(fields["expires"], System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddDays(29.9), DateTimeOffset.UtcNow.AddDays(30));
        Assert.Equal(0, listed.Exit);
        var row = Assert.Single(listed.Output.Split(Environment.NewLine), line => line.StartsWith(id, StringComparison.Ordinal));
        Assert.Contains("ci-nightly", row);
        Assert.Contains("jira.read db.read", row);
        Assert.Contains("developer", row);
        Assert.DoesNotContain(ApiKeyFormat.Prefix, listed.Output);
        Assert.Equal(0, revoked.Exit);
        Assert.Equal(1, again.Exit);
        Assert.Contains("revoked already", again.Errors);
        var revokedRow = Assert.Single(afterwards.Output.Split(Environment.NewLine), line => line.StartsWith(id, StringComparison.Ordinal));
        Assert.Matches(@"\d{4}-\d\d-\d\dT\S+Z\s+\d{4}-\d\d-\d\dT\S+Z\s+\d{4}-\d\d-\d\dT\S+Z\s+-$", revokedRow);
        await using var store = new SqliteApiKeyStore(Path.Combine(_root, ".data", "apikeys.db"));
        var stored = await store.FindAsync(id, TestContext.Current.CancellationToken);
        Assert.True(ApiKeyFormat.Matches(key, stored!.Hash));
    }

    [Fact]
    public async Task A_date_as_expiry_is_that_day_at_midnight_UTC()
    {
        var created = await RunAsync("create", "--name", "ci-dated", "--expires", "2099-01-31");

        Assert.Equal(0, created.Exit);
        Assert.Contains("expires: 2099-01-31T00:00:00Z", created.Output);
    }

    [Theory]
    [InlineData(2, "needs --name", "create", "--scopes", "jira.read")]
    [InlineData(2, "may not hold spaces", "create", "--name", "two words")]
    [InlineData(2, "neither a lifetime", "create", "--name", "ci", "--expires", "soon")]
    [InlineData(2, "in the past", "create", "--name", "ci", "--expires", "2020-01-01")]
    [InlineData(2, "needs a value", "create", "--name")]
    [InlineData(2, "takes one argument", "revoke")]
    [InlineData(2, "Usage", "rotate")]
    [InlineData(1, "no API key 'aaaaaaaaaaaa'", "revoke", "aaaaaaaaaaaa")]
    public async Task Bad_input_is_refused_with_a_message_and_a_non_zero_exit(int exit, string message, params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(exit, result.Exit);
        Assert.Contains(message, result.Errors, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task An_invalid_setting_is_named_and_nothing_is_created()
    {
        var result = await RunAsync("create", "--name", "ci", "--Gateway:ApiKeys:CacheSeconds", "-1");

        Assert.Equal(1, result.Exit);
        Assert.Contains("Gateway:ApiKeys:CacheSeconds must be 0 or more", result.Errors);
    }

    private async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        // The content root first: the last option may be one that lacks its value.
        var exit = await ApiKeyCommand.RunAsync([.. args.Take(1), "--contentRoot", _root, .. args.Skip(1)], output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
