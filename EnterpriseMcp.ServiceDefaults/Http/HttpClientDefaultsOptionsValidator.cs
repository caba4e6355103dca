using Microsoft.Extensions.Options;

namespace EnterpriseMcp.ServiceDefaults.Http;

/// <summary>
/// Checks at start-up, naming the key to change, what the standard resilience handler would otherwise reject in
/// its own terms. Every problem is reported at once.
/// </summary>
internal sealed class HttpClientDefaultsOptionsValidator : IValidateOptions<HttpClientDefaultsOptions>
{
    // Polly's own bounds for a timeout strategy.
    private static readonly TimeSpan ShortestTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestTimeout = TimeSpan.FromDays(1);

    // The handler's circuit breaker samples over at least twice an attempt, and over a day at most.
    private static readonly TimeSpan LongestAttempt = LongestTimeout / 2;

    private const int MostRetries = 10;

    public ValidateOptionsResult Validate(string? name, HttpClientDefaultsOptions options)
    {
        List<string> failures = [];
        var prefix = HttpClientDefaultsOptions.SectionName;

        if (options.TotalTimeout < ShortestTimeout || options.TotalTimeout > LongestTimeout)
        {
            failures.Add($"{prefix}:{nameof(options.TotalTimeout)} must be between 00:00:00.010 and 1.00:00:00 (was {options.TotalTimeout}).");
        }

        if (options.AttemptTimeout < ShortestTimeout || options.AttemptTimeout > options.TotalTimeout || options.AttemptTimeout > LongestAttempt)
        {
            failures.Add($"{prefix}:{nameof(options.AttemptTimeout)} must be at least 00:00:00.010 and at most {prefix}:{nameof(options.TotalTimeout)} and 12:00:00 (was {options.AttemptTimeout}).");
        }

        if (options.MaxRetries is < 0 or > MostRetries)
        {
            failures.Add($"{prefix}:{nameof(options.MaxRetries)} must be between 0 and {MostRetries} (was {options.MaxRetries}).");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > LongestTimeout)
        {
            failures.Add($"{prefix}:{nameof(options.RetryDelay)} must be between 00:00:00 and 1.00:00:00 (was {options.RetryDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
