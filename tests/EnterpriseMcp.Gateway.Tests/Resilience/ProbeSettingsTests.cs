using EnterpriseMcp.Gateway.Configuration;

namespace EnterpriseMcp.Gateway.Tests.Resilience;

/// <summary>The settings that find a backend down or hung are validated with the rest, each problem naming its key.</summary>
public sealed class ProbeSettingsTests
{
    [Fact]
    public void ListTimeout_and_ProbeInterval_must_be_positive()
    {
        var options = new GatewayOptions();
        options.Backends["jira"] = new BackendOptions { Url = "http://127.0.0.1:1/mcp", ListTimeout = TimeSpan.Zero, ProbeInterval = TimeSpan.FromSeconds(-1) };

        var result = new GatewayOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures ?? [], failure => failure.StartsWith("Gateway:Backends:jira:ListTimeout must be positive", StringComparison.Ordinal));
        Assert.Contains(result.Failures ?? [], failure => failure.StartsWith("Gateway:Backends:jira:ProbeInterval must be positive", StringComparison.Ordinal));
    }

    [Fact]
    public void Lists_get_a_shorter_timeout_than_tool_calls_by_default()
    {
        var options = new BackendOptions();

        Assert.True(options.ListTimeout < options.Timeout);
        Assert.True(options.ProbeInterval < options.BreakDuration);
    }
}
