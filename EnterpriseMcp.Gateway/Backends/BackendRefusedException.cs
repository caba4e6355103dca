using System.Net;
using System.Text.RegularExpressions;
using EnterpriseMcp.Hosting.Protocol;
using ModelContextProtocol;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>
/// The backend refused a call at the HTTP layer (401 or 403): it is up and answered, so the circuit counts a success,
/// but the caller is told in the gateway's words, for the name the gateway exposes (<see cref="For"/>), with the scopes
/// the backend's <c>insufficient_scope</c> challenge named; never the backend's own tool name or text.
/// </summary>
internal sealed partial class BackendRefusedException(string backend, HttpStatusCode status, IReadOnlyList<string> scopes)
    : McpProtocolException(Describe(backend, status, "the request", scopes), (McpErrorCode)McpErrorCodes.ServerError)
{
    public string Backend => backend;

    public IReadOnlyList<string> Scopes => scopes;

    /// <summary>The refusal as the caller of <paramref name="what"/> (e.g. <c>tool 'jira__create_issue'</c>) reads it.</summary>
    public McpProtocolException For(string what) => new(Describe(backend, status, $"the {what}", scopes), ErrorCode);

    /// <summary>The scopes of a Bearer <c>insufficient_scope</c> challenge (RFC 6750 §3), none when it names none.</summary>
    public static IReadOnlyList<string> ScopesOf(string? challenge) =>
        challenge is not null && ScopeParameter().Match(challenge) is { Success: true } match
            ? match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];

    private static string Describe(string backend, HttpStatusCode status, string what, IReadOnlyList<string> scopes) => status switch
    {
        HttpStatusCode.Unauthorized =>
            $"Backend '{backend}' did not accept the token the gateway obtained for this caller, so {what} could not be used.",
        _ when scopes.Count > 0 =>
            $"Forbidden: backend '{backend}' refused {what} to this caller: it requires the scope(s) {string.Join(" ", scopes)}, which the caller's token does not all grant.",
        _ => $"Forbidden: backend '{backend}' refused {what} to this caller.",
    };

    [GeneratedRegex(@"(?:^|[\s,])scope=""([^""]*)""")]
    private static partial Regex ScopeParameter();
}
