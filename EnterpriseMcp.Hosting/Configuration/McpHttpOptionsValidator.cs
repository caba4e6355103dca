using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Hosting.Configuration;

/// <summary>Rejects settings that would make the endpoint unusable, naming the key to change.</summary>
internal sealed class McpHttpOptionsValidator : IValidateOptions<McpHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, McpHttpOptions options)
    {
        List<string> failures = [];
        var prefix = McpHttpOptions.SectionName;

        if (options.MaxRequestBodySize <= 0)
        {
            failures.Add($"{prefix}:{nameof(options.MaxRequestBodySize)} must be a positive number of bytes.");
        }

        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}:{nameof(options.IdleTimeout)} must be positive (e.g. 02:00:00).");
        }

        if (options.HibernateAfter < TimeSpan.Zero)
        {
            failures.Add($"{prefix}:{nameof(options.HibernateAfter)} must not be negative.");
        }

        if (options.EventRetention < TimeSpan.Zero)
        {
            failures.Add($"{prefix}:{nameof(options.EventRetention)} must not be negative.");
        }

        if (options.RetainedStreamsPerSession < 1)
        {
            failures.Add($"{prefix}:{nameof(options.RetainedStreamsPerSession)} must be at least 1.");
        }

        if (options.MaxSessionsPerUser < 1)
        {
            failures.Add($"{prefix}:{nameof(options.MaxSessionsPerUser)} must be at least 1 (the default is 100).");
        }

        if (options.SweepInterval <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}:{nameof(options.SweepInterval)} must be positive.");
        }
        else if (options.SweepInterval >= options.IdleTimeout)
        {
            // Sweeps keep busy sessions alive in the store; sweeping less often than sessions expire loses them.
            failures.Add($"{prefix}:{nameof(options.SweepInterval)} must be shorter than {prefix}:{nameof(options.IdleTimeout)}.");
        }

        foreach (var origin in options.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/")
            {
                failures.Add($"{prefix}:{nameof(options.AllowedOrigins)} entry '{origin}' is not an origin like https://app.example.com.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
