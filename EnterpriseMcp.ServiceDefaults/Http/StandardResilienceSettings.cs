using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace EnterpriseMcp.ServiceDefaults.Http;

/// <summary>
/// <see cref="HttpClientDefaultsOptions"/> in the standard handler's terms. Its defaults already are ours (30 s in
/// all, 10 s an attempt, 3 retries from 2 s doubling with jitter, <c>Retry-After</c> honoured, 5xx, 408, 429,
/// connection failures and attempt timeouts retried); what differs is which requests may be repeated, and its
/// circuit breaker and rate limiter, which are turned off.
/// </summary>
internal static class StandardResilienceSettings
{
    public static void Configure(HttpStandardResilienceOptions standard, IServiceProvider services)
    {
        HttpClientDefaultsOptions settings;
        try
        {
            settings = services.GetRequiredService<IOptions<HttpClientDefaultsOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            // Start-up fails on our validator's message, which names each key; the handler's valid defaults keep
            // its own validation from reporting the same problem a second time in its words.
            return;
        }

        standard.TotalRequestTimeout.Timeout = settings.TotalTimeout;
        standard.AttemptTimeout.Timeout = settings.AttemptTimeout;
        ConfigureRetry(standard.Retry, settings);
        TurnOffCircuitBreaker(standard.CircuitBreaker, settings.AttemptTimeout);

        // Its default, 1,000 requests in flight per client and none queued, would fail a busy gateway's or tool
        // server's calls with an exception no caller handles; the gateway limits its callers itself.
        standard.RateLimiter.DefaultRateLimiterOptions.PermitLimit = int.MaxValue;
    }

    private static void ConfigureRetry(HttpRetryStrategyOptions retry, HttpClientDefaultsOptions settings)
    {
        retry.Delay = settings.RetryDelay;

        // The handler wants at least one retry attempt: MaxRetries 0 keeps one that nothing triggers.
        retry.MaxRetryAttempts = Math.Max(settings.MaxRetries, 1);
        var isTransient = retry.ShouldHandle;
        retry.ShouldHandle = settings.MaxRetries == 0
            ? _ => PredicateResult.False()
            : arguments => arguments.Context.GetRequestMessage() is { } request && RetryableRequest.Allows(request)
                ? isTransient(arguments)
                : PredicateResult.False();
    }

    /// <summary>
    /// One breaker per client would open for every host the client calls when one of them fails, the gateway has
    /// a circuit per backend already (with its state on /health and /metrics), and callers do not expect its
    /// exception. Its sampling window must still be twice the attempt timeout for the handler to start.
    /// </summary>
    private static void TurnOffCircuitBreaker(HttpCircuitBreakerStrategyOptions breaker, TimeSpan attemptTimeout)
    {
        breaker.ShouldHandle = _ => PredicateResult.False();
        if (breaker.SamplingDuration < 2 * attemptTimeout)
        {
            breaker.SamplingDuration = 2 * attemptTimeout;
        }
    }
}
