using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace EnterpriseMcp.ServiceDefaults.Http;

/// <summary>
/// The two pipelines every client shares, built once: total timeout, retries with exponential back-off
/// and jitter, per-attempt timeout for requests that may be repeated; the same without retries for the rest.
/// </summary>
internal sealed class HttpResiliencePipelines(IOptions<HttpClientDefaultsOptions> options)
{
    private readonly ResiliencePipeline<HttpResponseMessage> retrying = Build(options.Value, retry: true);
    private readonly ResiliencePipeline<HttpResponseMessage> single = Build(options.Value, retry: false);

    public ResiliencePipeline<HttpResponseMessage> For(HttpRequestMessage request) =>
        RetryableRequest.Allows(request) ? retrying : single;

    private static ResiliencePipeline<HttpResponseMessage> Build(HttpClientDefaultsOptions settings, bool retry)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(settings.TotalTimeout);
        if (retry && settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = arguments => ValueTask.FromResult(TransientHttpFailure.Is(arguments.Outcome)),
                DelayGenerator = arguments => ValueTask.FromResult(RetryAfter(arguments.Outcome)),
            });
        }

        return builder.AddTimeout(settings.AttemptTimeout).Build();
    }

    /// <summary>A 429 or 503 may say when to come back; honouring it beats hammering. The total timeout still caps it.</summary>
    private static TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome)
    {
        var header = outcome.Result?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }
}
