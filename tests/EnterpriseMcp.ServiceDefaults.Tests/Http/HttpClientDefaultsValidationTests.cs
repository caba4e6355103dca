using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.ServiceDefaults.Tests.Http;

public sealed class HttpClientDefaultsValidationTests
{
    [Fact]
    public async Task Start_up_fails_naming_the_key_when_the_attempt_timeout_exceeds_the_total()
    {
        using var host = ResilientClientHost.Build(new Dictionary<string, string?>
        {
            ["HttpClientDefaults:TotalTimeout"] = "00:00:05",
            ["HttpClientDefaults:AttemptTimeout"] = "00:00:10",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("HttpClientDefaults:AttemptTimeout", error.Message);
    }

    [Fact]
    public async Task Start_up_fails_naming_the_key_when_an_attempt_may_take_longer_than_half_a_day()
    {
        // The standard handler's circuit breaker samples over twice an attempt, and over a day at most.
        using var host = ResilientClientHost.Build(new Dictionary<string, string?>
        {
            ["HttpClientDefaults:TotalTimeout"] = "1.00:00:00",
            ["HttpClientDefaults:AttemptTimeout"] = "13:00:00",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("HttpClientDefaults:AttemptTimeout", error.Message);
    }

    [Fact]
    public async Task Start_up_reports_every_invalid_key_at_once()
    {
        using var host = ResilientClientHost.Build(new Dictionary<string, string?>
        {
            ["HttpClientDefaults:MaxRetries"] = "-1",
            ["HttpClientDefaults:RetryDelay"] = "-00:00:01",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("HttpClientDefaults:MaxRetries", error.Message);
        Assert.Contains("HttpClientDefaults:RetryDelay", error.Message);
        Assert.DoesNotContain("HttpClientDefaults:TotalTimeout", error.Message);
    }

    [Fact]
    public async Task Defaults_pass_validation()
    {
        using var host = ResilientClientHost.Build(new Dictionary<string, string?>());

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
