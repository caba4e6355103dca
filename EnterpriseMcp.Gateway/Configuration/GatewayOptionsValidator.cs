using EnterpriseMcp.Gateway.Credentials;
using EnterpriseMcp.Gateway.Federation;
using EnterpriseMcp.Hosting.Authorization;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Configuration;

/// <summary>
/// Checks every setting and reports every problem at once, each naming the key to change. Runs at
/// start-up and on each reload (a reload that fails keeps the backends that were running).
/// </summary>
internal sealed class GatewayOptionsValidator(IOptions<GatewayIdentityOptions>? identity = null, IOptions<McpAuthOptions>? auth = null)
    : IValidateOptions<GatewayOptions>
{
    private const string Section = GatewayOptions.SectionName;

    public GatewayOptionsValidator()
        : this(null, null)
    {
    }

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var problems = new List<string>();
        if (options.ListPageSize < 1)
        {
            problems.Add($"{Section}:ListPageSize must be at least 1 (it is {options.ListPageSize}).");
        }

        if (options.CatalogRefreshInterval <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:CatalogRefreshInterval must be positive (it is {options.CatalogRefreshInterval}).");
        }

        if (options.StartupWait < TimeSpan.Zero)
        {
            problems.Add($"{Section}:StartupWait must not be negative (it is {options.StartupWait}).");
        }

        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (backend, settings) in options.Backends)
        {
            ValidateBackend(backend, settings, problems);
            // Several unprefixed backends may share the root; a name two of them expose is reported when listed.
            var prefix = ToolNaming.PrefixOf(backend, settings);
            if (prefix.Length == 0)
            {
                continue;
            }

            if (prefixes.TryGetValue(prefix, out var other))
            {
                problems.Add($"{Section}:Backends:{backend}:Prefix '{prefix}' is already the prefix of backend '{other}': names would collide.");
            }
            else
            {
                prefixes[prefix] = backend;
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private void ValidateBackend(string backend, BackendOptions settings, List<string> problems)
    {
        var key = $"{Section}:Backends:{backend}";
        if (!ToolNaming.IsPortableName(backend))
        {
            problems.Add($"{key}: a backend name may hold only letters, digits, '_' and '-' (at most 64).");
        }

        if (string.IsNullOrWhiteSpace(settings.Url))
        {
            problems.Add($"{key}:Url is required: the backend's MCP endpoint, e.g. http://127.0.0.1:5202/mcp (or services:{backend}:http:0, its base URL).");
        }
        else if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{key}:Url '{settings.Url}' is not an absolute http or https URL.");
        }

        if (!BackendProtocol.Supported.Contains(settings.ProtocolVersion, StringComparer.Ordinal))
        {
            problems.Add($"{key}:ProtocolVersion '{settings.ProtocolVersion}' is not one of {string.Join(", ", BackendProtocol.Supported)}.");
        }

        Positive(settings.Timeout, $"{key}:Timeout", problems);
        Positive(settings.ListTimeout, $"{key}:ListTimeout", problems);
        Positive(settings.ConnectTimeout, $"{key}:ConnectTimeout", problems);
        Positive(settings.ProbeInterval, $"{key}:ProbeInterval", problems);
        Positive(settings.BreakDuration, $"{key}:BreakDuration", problems);
        if (settings.FailureThreshold < 1)
        {
            problems.Add($"{key}:FailureThreshold must be at least 1 (it is {settings.FailureThreshold}).");
        }

        if (settings.MaxAnswerBytes < 1024)
        {
            problems.Add($"{key}:MaxAnswerBytes must be at least 1024 (it is {settings.MaxAnswerBytes}).");
        }

        if (settings.MaxConnections < 1)
        {
            problems.Add($"{key}:MaxConnections must be at least 1 (it is {settings.MaxConnections}).");
        }

        ValidateAuth(key, settings, problems);
    }

    private void ValidateAuth(string key, BackendOptions settings, List<string> problems)
    {
        var hasClient = identity?.Value.HasClient == true;
        if (settings.Auth is BackendAuth.TokenExchange or BackendAuth.ClientCredentials && !hasClient)
        {
            problems.Add($"{key}:Auth is {settings.Auth}, which needs the gateway's own client: set {GatewayIdentityOptions.SectionName}:ClientId and ClientSecret.");
        }

        if (settings.Auth == BackendAuth.TokenExchange && auth?.Value.ValidatesTokens != true)
        {
            problems.Add($"{key}:Auth is TokenExchange, which needs users' tokens to exchange: set {McpAuthOptions.SectionName}:Authority and Resource.");
        }

        if (settings.Audience is { } audience && string.IsNullOrWhiteSpace(audience))
        {
            problems.Add($"{key}:Audience is empty: leave it unset to use the backend's Url.");
        }

        if (settings.Scopes?.Any(scope => string.IsNullOrWhiteSpace(scope) || scope.Any(char.IsWhiteSpace)) == true)
        {
            problems.Add($"{key}:Scopes must each be one scope without spaces.");
        }
    }

    private static void Positive(TimeSpan value, string key, List<string> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{key} must be positive (it is {value}).");
        }
    }
}
