using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.RateLimiting;

/// <summary>Every problem of the rate limits at once, each naming its key.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < options.Rules.Count; index++)
        {
            var rule = options.Rules[index];
            var key = $"{RateLimitOptions.SectionName}:Rules:{index}";
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                problems.Add($"{key}:Name is required: the name a limited call's error gives.");
            }
            else if (!names.Add(rule.Name))
            {
                problems.Add($"{key}:Name '{rule.Name}' is the name of another rule too.");
            }

            if (rule.PermitsPerMinute < 1)
            {
                problems.Add($"{key}:PermitsPerMinute must be at least 1 (it is {rule.PermitsPerMinute}).");
            }

            if (rule.Burst is < 1)
            {
                problems.Add($"{key}:Burst must be at least 1 (it is {rule.Burst}).");
            }
        }

        foreach (var (backend, limit) in options.MaxConcurrentCalls)
        {
            if (limit < 1)
            {
                problems.Add($"{RateLimitOptions.SectionName}:MaxConcurrentCalls:{backend} must be at least 1 (it is {limit}).");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
