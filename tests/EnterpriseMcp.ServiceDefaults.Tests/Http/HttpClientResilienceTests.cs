using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EnterpriseMcp.ServiceDefaults.Tests.Http;

public sealed class HttpClientResilienceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_GET_answered_503_is_retried_up_to_MaxRetries()
    {
        await using var upstream = await UpstreamServer.StartAsync();
        using var host = await ResilientClientHost.StartAsync(ResilientClientHost.FastRetries(maxRetries: 2));
        using var client = host.CreateClient(upstream.BaseAddress);

        using var response = await client.GetAsync("/unavailable", Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(3, upstream.Hits("GET", "/unavailable"));
    }

    [Fact]
    public async Task A_POST_answered_503_is_not_retried()
    {
        await using var upstream = await UpstreamServer.StartAsync();
        using var host = await ResilientClientHost.StartAsync(ResilientClientHost.FastRetries());
        using var client = host.CreateClient(upstream.BaseAddress);

        using var response = await client.PostAsync("/unavailable", new StringContent("{}"), Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, upstream.Hits("POST", "/unavailable"));
    }

    [Fact]
    public async Task A_GET_that_recovers_returns_the_successful_response()
    {
        await using var upstream = await UpstreamServer.StartAsync();
        using var host = await ResilientClientHost.StartAsync(ResilientClientHost.FastRetries());
        using var client = host.CreateClient(upstream.BaseAddress);

        using var response = await client.GetAsync("/recovers", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, upstream.Hits("GET", "/recovers"));
    }

    [Fact]
    public async Task A_PUT_with_a_buffered_body_is_retried()
    {
        await using var upstream = await UpstreamServer.StartAsync();
        using var host = await ResilientClientHost.StartAsync(ResilientClientHost.FastRetries(maxRetries: 1));
        using var client = host.CreateClient(upstream.BaseAddress);

        using var response = await client.PutAsync("/unavailable", new StringContent("{}"), Token);

        Assert.Equal(2, upstream.Hits("PUT", "/unavailable"));
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        await using var upstream = await UpstreamServer.StartAsync();
        using var host = await ResilientClientHost.StartAsync(ResilientClientHost.FastRetries());
        using var client = host.CreateClient(upstream.BaseAddress);

        using var response = await client.GetAsync("/not-found", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, upstream.Hits("GET", "/not-found"));
    }

    [Fact]
    public async Task An_attempt_that_exceeds_the_attempt_timeout_is_abandoned_and_retried()
    {
        await using var upstream = await UpstreamServer.StartAsync();
        var settings = ResilientClientHost.FastRetries();
        settings["HttpClientDefaults:AttemptTimeout"] = "00:00:00.500";
        using var host = await ResilientClientHost.StartAsync(settings);
        using var client = host.CreateClient(upstream.BaseAddress);

        using var response = await client.GetAsync("/hangs-once", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, upstream.Hits("GET", "/hangs-once"));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_back_off_is_waited_out()
    {
        await using var upstream = await UpstreamServer.StartAsync();
        using var host = await ResilientClientHost.StartAsync(ResilientClientHost.FastRetries());
        using var client = host.CreateClient(upstream.BaseAddress);

        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync("/retry-after", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, upstream.Hits("GET", "/retry-after"));
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.9), "the retry did not wait for Retry-After: 1");
    }

    [Fact]
    public async Task MaxRetries_0_sends_a_GET_once()
    {
        await using var upstream = await UpstreamServer.StartAsync();
        using var host = await ResilientClientHost.StartAsync(ResilientClientHost.FastRetries(maxRetries: 0));
        using var client = host.CreateClient(upstream.BaseAddress);

        using var response = await client.GetAsync("/unavailable", Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, upstream.Hits("GET", "/unavailable"));
    }

    [Fact]
    public async Task Many_failures_do_not_open_a_circuit_for_the_client()
    {
        await using var upstream = await UpstreamServer.StartAsync();
        using var host = await ResilientClientHost.StartAsync(ResilientClientHost.FastRetries(maxRetries: 0));
        using var client = host.CreateClient(upstream.BaseAddress);

        // The standard handler's breaker would open after 100 requests in 30 s of which 10 % failed.
        for (var i = 0; i < 120; i++)
        {
            using var failed = await client.GetAsync("/unavailable", Token);
        }

        using var response = await client.GetAsync("/not-found", Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(120, upstream.Hits("GET", "/unavailable"));
    }

    [Fact]
    public async Task HttpClient_own_timeout_does_not_cut_across_the_pipeline_timeout()
    {
        using var host = await ResilientClientHost.StartAsync();

        using var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("named");

        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
    }
}
