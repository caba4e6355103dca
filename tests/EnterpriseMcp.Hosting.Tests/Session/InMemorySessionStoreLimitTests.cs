using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.Sessions;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Hosting.Tests.Session;

/// <summary>The in-memory store counts a user's sessions itself, so that the count survives any replica's cache.</summary>
public sealed class InMemorySessionStoreLimitTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExpiredButNotYetSweptSession_FreesItsSlot()
    {
        var time = new ManualClock();
        var store = new InMemoryMcpSessionStore(Options.Create(new McpHttpOptions { IdleTimeout = TimeSpan.FromMinutes(1) }), time);
        Assert.True(await store.TryCreateAsync(new McpSessionRecord("a", "alice", time.GetUtcNow()), 1, Cancellation));
        Assert.False(await store.TryCreateAsync(new McpSessionRecord("b", "alice", time.GetUtcNow()), 1, Cancellation));

        time.Advance(TimeSpan.FromMinutes(2));

        Assert.True(await store.TryCreateAsync(new McpSessionRecord("b", "alice", time.GetUtcNow()), 1, Cancellation));
        Assert.Null(await store.GetAsync("a", Cancellation));
    }

    [Fact]
    public async Task RemovedSession_FreesItsSlot()
    {
        var store = new InMemoryMcpSessionStore(Options.Create(new McpHttpOptions()), TimeProvider.System);
        Assert.True(await store.TryCreateAsync(new McpSessionRecord("a", null, DateTimeOffset.UtcNow), 1, Cancellation));
        Assert.False(await store.TryCreateAsync(new McpSessionRecord("b", null, DateTimeOffset.UtcNow), 1, Cancellation));

        Assert.True(await store.RemoveAsync("a", Cancellation));

        Assert.True(await store.TryCreateAsync(new McpSessionRecord("b", null, DateTimeOffset.UtcNow), 1, Cancellation));
    }
}
