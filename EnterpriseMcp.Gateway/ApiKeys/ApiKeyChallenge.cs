using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>
/// The 401 of a refused API key, shaped as the JWT path's: <c>WWW-Authenticate: Bearer error="invalid_token",
/// error_description="..."</c> with the resource metadata (RFC 9728), and a JSON-RPC error body. Hosting's own challenge
/// writer is internal to it, so the gateway writes the same header here.
/// </summary>
internal sealed class ApiKeyChallenge(IOptions<McpAuthOptions> auth)
{
    private const string MetadataPath = "/.well-known/oauth-protected-resource";

    private static readonly JsonTypeInfo<JsonRpcError> ErrorTypeInfo =
        (JsonTypeInfo<JsonRpcError>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError));

    public async Task WriteAsync(HttpContext context, string description)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = Header(description);
        response.ContentType = "application/json";
        var error = new JsonRpcError
        {
            Id = default,
            Error = new JsonRpcErrorDetail { Code = McpErrorCodes.ServerError, Message = $"Unauthorized: {description}." },
        };
        await JsonSerializer.SerializeAsync(response.Body, error, ErrorTypeInfo, context.RequestAborted);
    }

    private string Header(string description)
    {
        var header = $"Bearer error=\"invalid_token\", error_description=\"{Sanitize(description)}\"";
        // The metadata of https://host/mcp lives at https://host/.well-known/oauth-protected-resource/mcp (RFC 9728 §3.1).
        return auth.Value.Resource is { } resource && Uri.TryCreate(resource, UriKind.Absolute, out var uri)
            ? $"{header}, resource_metadata=\"{uri.GetLeftPart(UriPartial.Authority)}{MetadataPath}{uri.AbsolutePath.TrimEnd('/')}\""
            : header;
    }

    // A quoted-string may not hold quotes or backslashes.
    private static string Sanitize(string text) => new([.. text.Where(c => c is >= ' ' and <= '~' and not '"' and not '\\')]);
}
