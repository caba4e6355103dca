using EnterpriseMcp.Gateway.Configuration;
using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.RateLimiting;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace EnterpriseMcp.Gateway.Tests.Configuration;

/// <summary>The one watcher of the Gateway section: one reload, one new snapshot; an invalid part alone keeps its previous value.</summary>
public sealed class GatewaySettingsMonitorTests
{
    [Fact]
    public void One_reload_changes_every_part_in_one_snapshot_and_an_invalid_part_alone_keeps_its_previous_value()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Backends:jira:Url"] = "http://127.0.0.1:9/mcp",
            ["Gateway:Policy:Rules:0:Name"] = "read",
            ["Gateway:Policy:Rules:0:Tools:0"] = "jira__get_issue",
            ["Gateway:RateLimits:Rules:0:Name"] = "per-user",
            ["Gateway:RateLimits:Rules:0:PermitsPerMinute"] = "60",
        }).Build();
        var logs = new RecordedLogs();
        using var monitor = new GatewaySettingsMonitor(configuration, [new GatewayOptionsValidator()], [new PolicyOptionsValidator()],
            [new RateLimitOptionsValidator()], new Microsoft.Extensions.Logging.Logger<GatewaySettingsMonitor>(new Microsoft.Extensions.Logging.LoggerFactory([logs])));
        var changes = new List<(GatewaySettings Before, GatewaySettings After)>();
        monitor.Changed += (before, after) => changes.Add((before, after));
        var start = monitor.Current;

        configuration["Gateway:Backends:db:Url"] = "http://127.0.0.1:10/mcp";
        configuration["Gateway:Policy:Rules:0:Tools:1"] = "db__query";
        configuration["Gateway:RateLimits:Rules:0:PermitsPerMinute"] = "30";
        configuration.Reload();

        var (before, after) = Assert.Single(changes);
        Assert.Same(start, before);
        Assert.Same(after, monitor.Current);
        Assert.Equal(["db", "jira"], after.Backends.Backends.Keys.Order());
        Assert.Equal(["jira__get_issue", "db__query"], after.Policy.Rules[0].Tools);
        Assert.Equal(30, after.RateLimits.Rules[0].PermitsPerMinute);

        // A reload that changes nothing of the section makes no new snapshot.
        configuration["Unrelated:Key"] = "x";
        configuration.Reload();
        Assert.Single(changes);

        // An invalid policy is refused on its own: the limits change alongside it goes ahead.
        configuration["Gateway:Policy:Rules:0:Scopes:0"] = "two scopes";
        configuration["Gateway:RateLimits:Rules:0:PermitsPerMinute"] = "10";
        configuration.Reload();

        Assert.Equal(2, changes.Count);
        Assert.Same(after.Policy, monitor.Current.Policy);
        Assert.Same(after.Backends, monitor.Current.Backends);
        Assert.Equal(10, monitor.Current.RateLimits.Rules[0].PermitsPerMinute);
        Assert.Contains(logs.Warnings, warning => warning.Contains("Policy change refused", StringComparison.Ordinal));
    }
}
