namespace EnterpriseMcp.ServiceDefaults.Http;

/// <summary>
/// Resilience of every <see cref="HttpClient"/> made by the client factory: the settings of its standard
/// resilience handler that a service may change. Bound from the configuration section <c>HttpClientDefaults</c>.
/// </summary>
public sealed class HttpClientDefaultsOptions
{
    public const string SectionName = "HttpClientDefaults";

    /// <summary>Longest a request may take, retries and back-off included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest one attempt may take before it is abandoned (and retried when that is safe).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, of requests that are safe to repeat only; 0 turns retrying off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// Back-off before the first retry; it doubles for each later one, with jitter. An answer's <c>Retry-After</c>
    /// wins over it.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
