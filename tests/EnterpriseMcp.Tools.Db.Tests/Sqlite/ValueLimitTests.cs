using EnterpriseMcp.Tools.Db.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Db.Tests.Sqlite;

/// <summary>SQLite refuses to build a value larger than <c>Db:MaxValueBytes</c>, so a big value never reaches memory.</summary>
public sealed class ValueLimitTests : IAsyncLifetime
{
    private ToolServerHost _server = null!;

    public async ValueTask InitializeAsync() => _server = await DbTestServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(HostileInputs.BigValueRows), MemberType = typeof(HostileInputs))]
    public async Task A_value_larger_than_the_cap_is_refused_naming_the_setting(string sql)
    {
        var result = await _server.CallAsync("query", new() { ["sql"] = sql });

        Assert.True(result.IsError, result.Text());
        Assert.Contains("a value exceeds 262144 bytes (Db:MaxValueBytes)", result.Text());
    }

    [Fact]
    public async Task The_cap_follows_its_setting()
    {
        await using var server = await DbTestServer.StartAsync(new Dictionary<string, string?> { ["Db:MaxValueBytes"] = "10000" });

        Assert.Equal(9000, (await server.CallAsync("query", new() { ["sql"] = "SELECT length(randomblob(9000))" })).Rows()[0][0].GetInt32());
        Assert.Contains("a value exceeds 10000 bytes (Db:MaxValueBytes)",
            (await server.CallAsync("query", new() { ["sql"] = "SELECT length(randomblob(20000))" })).Text());
    }

    [Fact]
    public async Task A_statement_longer_than_the_sql_cap_is_refused_naming_it()
    {
        var sql = "SELECT 1" + new string(' ', 200_000);

        Assert.Contains("exceeds 100000 bytes of SQL", (await _server.CallAsync("query", new() { ["sql"] = sql })).Text());
    }
}
