using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Hosting.Validation;

/// <summary>
/// DNS rebinding protection: a browser tricked into calling this server from another site carries
/// that site's name in Host and Origin, so both are checked against allow-lists.
/// </summary>
internal sealed class OriginValidator
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]", "::1"];

    private readonly HashSet<string> _allowedHosts;
    private readonly bool _anyHost;
    private readonly HashSet<string> _allowedOrigins;
    private readonly bool _allowLoopbackOrigins;

    public OriginValidator(IOptions<McpHttpOptions> options)
    {
        var value = options.Value;
        _anyHost = value.AllowedHosts.Contains("*");
        _allowedHosts = new(value.AllowedHosts.Count == 0 ? LoopbackNames : value.AllowedHosts, StringComparer.OrdinalIgnoreCase);
        _allowedOrigins = new(value.AllowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);
        _allowLoopbackOrigins = value.AllowLoopbackOrigins;
    }

    public McpRequestRejection? Validate(HttpRequest request)
    {
        if (!_anyHost && !_allowedHosts.Contains(request.Host.Host))
        {
            return Forbidden($"Host '{request.Host.Host}' is not allowed.");
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || _allowedOrigins.Contains(origin) || (_allowLoopbackOrigins && IsLoopbackOrigin(origin)))
        {
            return null;
        }

        return Forbidden($"Origin '{origin}' is not allowed.");
    }

    private static bool IsLoopbackOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && LoopbackNames.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);

    private static McpRequestRejection Forbidden(string message) =>
        new(StatusCodes.Status403Forbidden, McpErrorCodes.ServerError, $"Forbidden: {message}");
}
