using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelContextProtocol;
using ModelContextProtocol.Authentication;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>RFC 9728 metadata: which authorization server issues tokens for this resource, and which scopes it knows.</summary>
internal static class ProtectedResourceMetadataEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints, string mcpPattern, BearerChallenges challenges)
    {
        // At the root for clients that look there, and under the endpoint's path as RFC 9728 §3.1 builds it.
        var paths = new HashSet<string>(StringComparer.Ordinal)
        {
            BearerChallenges.MetadataPath,
            BearerChallenges.MetadataPath + "/" + mcpPattern.Trim('/'),
            new Uri(challenges.MetadataUrl).AbsolutePath,
        };
        foreach (var path in paths)
        {
            endpoints.MapGet(path, (HttpContext context) => WriteAsync(context, challenges)).AllowAnonymous();
        }
    }

    private static Task WriteAsync(HttpContext context, BearerChallenges challenges)
    {
        var options = challenges.Options;
        var metadata = new ProtectedResourceMetadata
        {
            Resource = options.Resource!,
            AuthorizationServers = [options.Authority!],
            BearerMethodsSupported = ["header"],
            ScopesSupported = [.. challenges.ScopesSupported()],
        };
        context.Response.Headers.CacheControl = "public, max-age=300";
        return context.Response.WriteAsJsonAsync(metadata, McpJsonUtilities.DefaultOptions, context.RequestAborted);
    }
}
