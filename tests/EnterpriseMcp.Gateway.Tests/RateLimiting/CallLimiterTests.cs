using EnterpriseMcp.Gateway.Configuration;
using EnterpriseMcp.Gateway.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Tests.RateLimiting;

/// <summary>The limits on their own: token buckets per caller, caller and backend, caller and tool, client; concurrency per backend; reload.</summary>
public sealed class CallLimiterTests
{
    private static readonly LimitedCall BobSearches = Call("bob", "developer", "jira", "jira__search_issues");
    private static readonly LimitedCall BobQueries = Call("bob", "developer", "db", "db__query");
    private static readonly LimitedCall CarolQueries = Call("carol", "intern", "db", "db__query");
    private static readonly LimitedCall AliceSearches = Call("alice", "admin", "jira", "jira__search_issues");

    [Fact]
    public void A_caller_limit_admits_its_burst_then_refuses_naming_the_rule_and_when_to_retry()
    {
        using var limiter = Limiter(
            ("Rules:0:Name", "per-user"), ("Rules:0:Per", "Caller"), ("Rules:0:PermitsPerMinute", "5"), ("Rules:0:Burst", "5"));

        var admitted = Enumerable.Range(0, 5).Select(_ => limiter.Admit(BobSearches).Admitted).ToList();
        using var refused = limiter.Admit(BobQueries);

        Assert.All(admitted, Assert.True);
        Assert.False(refused.Admitted);
        Assert.Equal("per-user", refused.Limit);
        // One token every 12 s.
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(12));
        Assert.True(limiter.Admit(AliceSearches).Admitted, "another caller has a bucket of its own");
    }

    [Theory]
    [InlineData("CallerAndTool", "db__query", "db")]
    [InlineData("CallerAndBackend", "db__list_tables", "db")]
    public void A_caller_and_tool_or_backend_limit_counts_each_tool_or_backend_apart(string per, string sameBucket, string backend)
    {
        using var limiter = Limiter(
            ("Rules:0:Name", "narrow"), ("Rules:0:Per", per), ("Rules:0:PermitsPerMinute", "1"), ("Rules:0:Burst", "1"));

        Assert.True(limiter.Admit(BobQueries).Admitted);
        Assert.False(limiter.Admit(Call("bob", "developer", backend, sameBucket)).Admitted);
        Assert.True(limiter.Admit(BobSearches).Admitted, "another tool of another backend draws from another bucket");
    }

    [Fact]
    public void A_rule_for_a_role_and_a_tool_limits_only_those_callers_on_that_tool()
    {
        using var limiter = Limiter(
            ("Rules:0:Name", "interns-query"), ("Rules:0:Per", "CallerAndTool"), ("Rules:0:PermitsPerMinute", "2"), ("Rules:0:Burst", "2"),
            ("Rules:0:Roles:0", "intern"), ("Rules:0:Names:0", "db__query"));

        Assert.True(limiter.Admit(CarolQueries).Admitted);
        Assert.True(limiter.Admit(CarolQueries).Admitted);
        Assert.Equal("interns-query", limiter.Admit(CarolQueries).Limit);
        Assert.True(limiter.Admit(Call("carol", "intern", "jira", "jira__search_issues")).Admitted);
        Assert.All(Enumerable.Range(0, 10).Select(_ => limiter.Admit(BobQueries).Admitted), Assert.True);
    }

    [Fact]
    public void A_client_limit_counts_every_caller_of_that_client_and_leaves_calls_without_a_client_alone()
    {
        using var limiter = Limiter(
            ("Rules:0:Name", "per-client"), ("Rules:0:Per", "Client"), ("Rules:0:PermitsPerMinute", "2"), ("Rules:0:Burst", "2"));

        Assert.True(limiter.Admit(BobSearches).Admitted);
        Assert.True(limiter.Admit(AliceSearches).Admitted);
        Assert.Equal("per-client", limiter.Admit(CarolQueries).Limit);
        Assert.All(Enumerable.Range(0, 5).Select(_ => limiter.Admit(BobSearches with { ClientId = null }).Admitted), Assert.True);
    }

    [Fact]
    public async Task A_bucket_refills_at_its_rate()
    {
        using var limiter = Limiter(
            ("Rules:0:Name", "fast"), ("Rules:0:PermitsPerMinute", "600"), ("Rules:0:Burst", "1"));
        Assert.True(limiter.Admit(BobSearches).Admitted);
        using var refused = limiter.Admit(BobSearches);
        Assert.False(refused.Admitted);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(100));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!limiter.Admit(BobSearches).Admitted)
        {
            Assert.True(DateTime.UtcNow < deadline, "the bucket never refilled");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void A_backend_takes_no_more_calls_at_once_than_its_concurrency_limit_and_a_finished_call_frees_its_slot()
    {
        using var limiter = Limiter(("MaxConcurrentCalls:db", "2"));

        var first = limiter.Admit(BobQueries);
        using var second = limiter.Admit(CarolQueries);
        using var third = limiter.Admit(BobQueries);
        Assert.True(first.Admitted && second.Admitted);
        Assert.Equal("concurrency:db", third.Limit);
        Assert.True(limiter.Admit(BobSearches).Admitted, "another backend is not limited");

        first.Dispose();
        using var fourth = limiter.Admit(BobQueries);
        Assert.True(fourth.Admitted);
    }

    [Fact]
    public void Changed_limits_apply_without_a_restart_and_an_invalid_change_is_ignored()
    {
        var configuration = Configuration(("Rules:0:Name", "per-user"), ("Rules:0:PermitsPerMinute", "1"), ("Rules:0:Burst", "1"));
        using var limiter = Limiter(configuration);
        Assert.True(limiter.Admit(BobSearches).Admitted);
        Assert.False(limiter.Admit(BobSearches).Admitted);

        configuration[$"{RateLimitOptions.SectionName}:Rules:0:Burst"] = "3";
        configuration.Reload();
        Assert.All(Enumerable.Range(0, 3).Select(_ => limiter.Admit(BobSearches).Admitted), Assert.True);
        Assert.False(limiter.Admit(BobSearches).Admitted);

        configuration[$"{RateLimitOptions.SectionName}:Rules:0:PermitsPerMinute"] = "0";
        configuration.Reload();
        Assert.Equal("per-user", limiter.Admit(BobSearches).Limit);
    }

    [Fact]
    public void Every_problem_of_the_limits_is_named_at_once()
    {
        var options = new RateLimitOptions
        {
            Rules = [new() { Name = "a", PermitsPerMinute = 0 }, new() { Name = "a", PermitsPerMinute = 5, Burst = 0 }, new() { PermitsPerMinute = 1 }],
            MaxConcurrentCalls = { ["db"] = 0 },
        };

        var result = new RateLimitOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Gateway:RateLimits:Rules:0:PermitsPerMinute must be at least 1 (it is 0).",
                "Gateway:RateLimits:Rules:1:Name 'a' is the name of another rule too.",
                "Gateway:RateLimits:Rules:1:Burst must be at least 1 (it is 0).",
                "Gateway:RateLimits:Rules:2:Name is required: the name a limited call's error gives.",
                "Gateway:RateLimits:MaxConcurrentCalls:db must be at least 1 (it is 0).",
            ],
            result.Failures);
    }

    private static LimitedCall Call(string user, string role, string backend, string name) =>
        new($"http://localhost:5100\n{user}", new HashSet<string> { role }, "vscode", backend, name);

    private static IConfigurationRoot Configuration(params (string Key, string Value)[] settings) => new ConfigurationBuilder()
        .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create($"{RateLimitOptions.SectionName}:{setting.Key}", (string?)setting.Value)))
        .Build();

    private static InMemoryCallLimiter Limiter(params (string Key, string Value)[] settings) => Limiter(Configuration(settings));

    private static InMemoryCallLimiter Limiter(IConfigurationRoot configuration)
    {
        var options = new RateLimitOptions();
        configuration.GetSection(RateLimitOptions.SectionName).Bind(options);
        // The limiter follows the gateway's one settings watcher, which refuses an invalid change.
        var settings = new GatewaySettingsMonitor(configuration, [], [], [new RateLimitOptionsValidator()], NullLogger<GatewaySettingsMonitor>.Instance);
        return new InMemoryCallLimiter(Options.Create(options), settings);
    }
}
