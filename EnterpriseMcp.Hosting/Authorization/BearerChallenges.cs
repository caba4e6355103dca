using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// The <c>WWW-Authenticate</c> values that send a client to this server's protected resource metadata
/// (RFC 9728) and tell it which scopes to ask for (RFC 6750 step-up); a host's own authentication scheme (the gateway's
/// API keys) answers with the same.
/// </summary>
public sealed class BearerChallenges(IOptions<McpAuthOptions> auth, IServiceProvider services)
{
    public const string MetadataPath = "/.well-known/oauth-protected-resource";

    private readonly Lazy<string> _metadataUrl = new(() => MetadataUrlOf(new Uri(auth.Value.Resource!)));

    public McpAuthOptions Options => auth.Value;

    public string MetadataUrl => _metadataUrl.Value;

    /// <summary>Every scope the server knows of, in a stable order: what a client asks for to use the whole server.</summary>
    public IReadOnlyList<string> ScopesSupported() =>
        (services.GetService(typeof(IMcpRequestAuthorizer)) as IMcpRequestAuthorizer)?.ScopesSupported ?? [];

    public string Unauthorized(string? error = null, string? description = null)
    {
        var parts = new List<string>(4);
        if (error is not null)
        {
            parts.Add($"error=\"{error}\"");
        }

        if (description is not null)
        {
            parts.Add($"error_description=\"{Sanitize(description)}\"");
        }

        // Without a resource (development mode) there is no metadata to point at.
        if (auth.Value.Resource is not null)
        {
            parts.Add($"resource_metadata=\"{MetadataUrl}\"");
        }

        if (ScopesSupported() is { Count: > 0 } scopes)
        {
            parts.Add($"scope=\"{string.Join(' ', scopes)}\"");
        }

        return "Bearer " + string.Join(", ", parts);
    }

    public string InsufficientScope(IEnumerable<string> required) =>
        $"Bearer error=\"insufficient_scope\", scope=\"{string.Join(' ', required)}\", resource_metadata=\"{MetadataUrl}\"";

    // The metadata of https://host/mcp lives at https://host/.well-known/oauth-protected-resource/mcp (RFC 9728 §3.1).
    private static string MetadataUrlOf(Uri resource)
    {
        var path = resource.AbsolutePath.TrimEnd('/');
        return $"{resource.GetLeftPart(UriPartial.Authority)}{MetadataPath}{path}";
    }

    // A quoted-string may not hold quotes or backslashes; descriptions come from token validation messages.
    private static string Sanitize(string text) =>
        new([.. text.Where(c => c is >= ' ' and <= '~' and not '"' and not '\\')]);
}
