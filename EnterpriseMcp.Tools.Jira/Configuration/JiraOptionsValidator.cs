using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Tools.Jira.Configuration;

/// <summary>Every wrong <c>Jira</c> setting at start-up, each naming its key (never its value: some are secrets).</summary>
internal sealed class JiraOptionsValidator : IValidateOptions<JiraOptions>
{
    public ValidateOptionsResult Validate(string? name, JiraOptions options)
    {
        var failures = new List<string>();
        const string cloud = JiraOptions.SectionName + ":Cloud";
        JiraLimitsValidator.Validate(options.Limits, failures);
        if (options.Backend == JiraBackend.Embedded)
        {
            if (string.IsNullOrWhiteSpace(options.Embedded.DatabasePath))
            {
                failures.Add($"{JiraOptions.SectionName}:Embedded:DatabasePath must name a file.");
            }

            return Result(failures);
        }

        var settings = options.Cloud;
        if (!Uri.TryCreate(settings.BaseUrl, UriKind.Absolute, out var site) || (site.Scheme != Uri.UriSchemeHttps && site.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{cloud}:BaseUrl must be the site's URL (https://your-company.atlassian.net) when {JiraOptions.SectionName}:Backend is Cloud.");
        }

        var basic = !string.IsNullOrEmpty(settings.Email) || !string.IsNullOrEmpty(settings.ApiToken);
        var bearer = !string.IsNullOrEmpty(settings.BearerToken);
        if (basic && bearer)
        {
            failures.Add($"Set either {cloud}:Email with {cloud}:ApiToken, or {cloud}:BearerToken, not both.");
        }
        else if (!basic && !bearer)
        {
            failures.Add($"{cloud}:Email with {cloud}:ApiToken, or {cloud}:BearerToken, is required when {JiraOptions.SectionName}:Backend is Cloud.");
        }
        else if (basic && (string.IsNullOrEmpty(settings.Email) || string.IsNullOrEmpty(settings.ApiToken)))
        {
            failures.Add($"{cloud}:Email and {cloud}:ApiToken go together: set both.");
        }

        if (settings.MaxRetryAfter < TimeSpan.Zero || settings.MaxRetryAfter > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{cloud}:MaxRetryAfter must be between 00:00:00 and 00:05:00.");
        }

        if (settings.MaxResponseBytes is < 64 * 1024 or > 256 * 1024 * 1024)
        {
            failures.Add($"{cloud}:MaxResponseBytes must be between 65536 and 268435456.");
        }

        return Result(failures);
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
