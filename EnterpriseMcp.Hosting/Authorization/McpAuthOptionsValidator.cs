using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>Reports every wrong <c>Mcp:Auth</c> setting at start-up, each naming its key.</summary>
internal sealed class McpAuthOptionsValidator : IValidateOptions<McpAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, McpAuthOptions options)
    {
        var failures = new List<string>();
        if (!options.ValidatesTokens)
        {
            if (!string.IsNullOrWhiteSpace(options.Resource))
            {
                failures.Add($"{McpAuthOptions.SectionName}:Resource is set but {McpAuthOptions.SectionName}:Authority is not: set the token issuer too.");
            }

            return Result(failures);
        }

        CheckAbsolute(failures, "Authority", options.Authority);
        CheckAbsolute(failures, "MetadataAddress", options.MetadataAddress, required: false);
        if (CheckAbsolute(failures, "Resource", options.Resource) is { } resource && resource.Fragment.Length > 0)
        {
            failures.Add($"{McpAuthOptions.SectionName}:Resource must not have a fragment (RFC 8707).");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{McpAuthOptions.SectionName}:ClockSkew must be between 00:00:00 and 00:10:00.");
        }

        if (options.ValidTokenTypes.Length == 0 || options.ValidTokenTypes.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{McpAuthOptions.SectionName}:ValidTokenTypes must list at least one JWT 'typ' value and no empty ones.");
        }

        if (options.Audiences.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{McpAuthOptions.SectionName}:Audiences must not hold empty values.");
        }

        if (options.AcceptedClients.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{McpAuthOptions.SectionName}:AcceptedClients must not hold empty client ids.");
        }

        return Result(failures);
    }

    private static Uri? CheckAbsolute(List<string> failures, string key, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                failures.Add($"{McpAuthOptions.SectionName}:{key} is required when {McpAuthOptions.SectionName}:Authority is set.");
            }

            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        failures.Add($"{McpAuthOptions.SectionName}:{key} must be an absolute http(s) URL, not '{value}'.");
        return null;
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
