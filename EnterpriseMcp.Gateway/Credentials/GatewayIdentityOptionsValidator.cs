using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Credentials;

/// <summary>Reports every wrong <c>Gateway:Identity</c> setting at start-up, each naming its key.</summary>
internal sealed class GatewayIdentityOptionsValidator : IValidateOptions<GatewayIdentityOptions>
{
    private const string Section = GatewayIdentityOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, GatewayIdentityOptions options)
    {
        var problems = new List<string>();
        if (options.HasClient && string.IsNullOrEmpty(options.ClientSecret))
        {
            problems.Add($"{Section}:ClientSecret is required with {Section}:ClientId (the gateway authenticates to the token endpoint).");
        }

        if (!options.HasClient && !string.IsNullOrEmpty(options.ClientSecret))
        {
            problems.Add($"{Section}:ClientSecret is set but {Section}:ClientId is not.");
        }

        foreach (var (key, value) in new[] { ("Authority", options.Authority), ("TokenEndpoint", options.TokenEndpoint) })
        {
            if (value is not null && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            {
                problems.Add($"{Section}:{key} must be an absolute http(s) URL, not '{value}'.");
            }
        }

        if (options.RenewBefore < TimeSpan.Zero)
        {
            problems.Add($"{Section}:RenewBefore must not be negative (it is {options.RenewBefore}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
