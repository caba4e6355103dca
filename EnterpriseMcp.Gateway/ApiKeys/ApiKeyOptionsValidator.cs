using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>Every problem of the API keys' settings at once, each naming its key.</summary>
internal sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var problems = new List<string>();
        if (options.CacheSeconds < 0)
        {
            problems.Add($"{ApiKeyOptions.SectionName}:CacheSeconds must be 0 or more (it is {options.CacheSeconds}).");
        }

        if (options.DefaultLifetime <= TimeSpan.Zero)
        {
            problems.Add($"{ApiKeyOptions.SectionName}:DefaultLifetime must be positive, e.g. 90.00:00:00 (it is {options.DefaultLifetime}).");
        }

        if (options.Path is { } path && string.IsNullOrWhiteSpace(path))
        {
            problems.Add($"{ApiKeyOptions.SectionName}:Path is empty: leave it out for .data/apikeys.db in the content root.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
