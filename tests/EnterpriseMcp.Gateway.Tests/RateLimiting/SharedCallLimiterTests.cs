using EnterpriseMcp.Gateway.RateLimiting;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using EnterpriseMcp.Gateway.Tests.ScaleOut;

namespace EnterpriseMcp.Gateway.Tests.RateLimiting;

/// <summary>The limits shared by replicas through a real Redis: counted in all, keyed safely, and kept per replica while Redis is away.</summary>
public sealed class SharedCallLimiterTests
{
    private static readonly (string, string)[] FivePerUser =
        [("Rules:0:Name", "per-user"), ("Rules:0:Per", "Caller"), ("Rules:0:PermitsPerMinute", "5"), ("Rules:0:Burst", "5")];

    private static readonly (string, string)[] TwoPerUser =
        [("Rules:0:Name", "per-user"), ("Rules:0:Per", "Caller"), ("Rules:0:PermitsPerMinute", "2"), ("Rules:0:Burst", "2")];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rule_of_n_a_minute_admits_exactly_n_calls_in_all_over_three_replicas_calling_at_once()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        await using var first = await RedisReplica.StartAsync(redis, "emcp:", FivePerUser);
        await using var second = await RedisReplica.StartAsync(redis, "emcp:", FivePerUser);
        await using var third = await RedisReplica.StartAsync(redis, "emcp:", FivePerUser);

        var admissions = await Task.WhenAll(
            from replica in new[] { first, second, third }
            from call in Enumerable.Range(0, 10)
            select replica.Limiter.AdmitAsync(Call("bob"), Token).AsTask());

        Assert.Equal(5, admissions.Count(admission => admission.Admitted));
        Assert.All(admissions.Where(admission => !admission.Admitted), refused =>
        {
            Assert.Equal("per-user", refused.Limit);
            // One token every 12 s.
            Assert.InRange(refused.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(12));
        });
        Assert.True((await second.Limiter.AdmitAsync(Call("alice"), Token)).Admitted, "another caller has a bucket of its own");
    }

    [Fact]
    public async Task A_bucket_is_one_key_under_the_prefix_of_bounded_length_that_expires()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        await using var replica = await RedisReplica.StartAsync(redis, "tenant-a:", FivePerUser);
        var hostile = Call(new string('x', 100_000));

        Assert.True((await replica.Limiter.AdmitAsync(hostile, Token)).Admitted);

        var key = Assert.Single(replica.Server.Keys(pattern: "*"));
        Assert.StartsWith("tenant-a:limit:per-user:", key.ToString());
        Assert.InRange(key.ToString().Length, 1, 80);
        // Full again, and gone, one token's interval (12 s) after the one call.
        Assert.InRange(await replica.Database.KeyTimeToLiveAsync(key) ?? TimeSpan.MaxValue, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task While_Redis_is_down_each_replica_limits_in_its_own_memory_without_failing_and_shares_again_once_it_is_back()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        await using var first = await RedisReplica.StartAsync(redis, "emcp:", TwoPerUser);
        await using var second = await RedisReplica.StartAsync(redis, "emcp:", TwoPerUser);
        Assert.True((await first.Limiter.AdmitAsync(Call("bob"), Token)).Admitted);

        await redis.StopAsync();
        var firstDown = await Admitted(first, "carol", 3);
        var secondDown = await Admitted(second, "carol", 3);

        Assert.Equal([true, true, false], firstDown);
        Assert.Equal([true, true, false], secondDown);
        Assert.Single(first.Logs.Warnings, warning => warning.Contains("Redis cannot be reached"));

        await redis.StartAsync();
        var attempt = 0;
        // Shared again when a new caller's burst taken through one replica leaves nothing for the other.
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            var caller = $"dave-{attempt++}";
            return (await Admitted(first, caller, 2)).All(admitted => admitted) && (await Admitted(second, caller, 1)) is [false];
        }, seconds: 60), "the replicas did not share their buckets again once Redis was back");
        Assert.Contains(first.Logs.Messages, message => message.Contains("Redis is back"));
    }

    private static async Task<bool[]> Admitted(RedisReplica replica, string user, int calls)
    {
        var admitted = new bool[calls];
        for (var call = 0; call < calls; call++)
        {
            using var admission = await replica.Limiter.AdmitAsync(Call(user), Token);
            admitted[call] = admission.Admitted;
        }

        return admitted;
    }

    private static LimitedCall Call(string user) =>
        new($"http://localhost:5100\n{user}", new HashSet<string> { "developer" }, "vscode", "jira", "jira__search_issues");
}
