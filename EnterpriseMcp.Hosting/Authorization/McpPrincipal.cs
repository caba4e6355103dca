using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Security.Claims;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// Who calls, whatever shapes the identity provider gives its claims: the subject, the client application,
/// and the caller's scopes, roles and groups as ordinal sets. Keycloak, Entra ID, Okta and RFC 9068 tokens
/// all come down to this, so an authorization rule is written once.
/// </summary>
public sealed class McpPrincipal
{
    // The validated principal of a token is reused for every request that token makes (ValidatedTokenCache),
    // so its claims are read once, not per request.
    private static readonly ConditionalWeakTable<ClaimsPrincipal, Normalized> Cache = [];

    /// <summary>A principal from known values, e.g. one an administrator describes to ask what the policy would decide.</summary>
    public McpPrincipal(string? subject, string? issuer, string? clientId, IEnumerable<string>? scopes = null,
        IEnumerable<string>? roles = null, IEnumerable<string>? groups = null, bool isAuthenticated = true)
    {
        Subject = subject;
        Issuer = issuer;
        ClientId = clientId;
        Scopes = SetOf(scopes);
        Roles = SetOf(roles);
        Groups = SetOf(groups);
        IsAuthenticated = isAuthenticated;
        Key = isAuthenticated && subject is not null ? $"{issuer}|{subject}" : null;
    }

    /// <summary>A caller without a (valid) token: no subject, nothing granted.</summary>
    public static McpPrincipal Anonymous { get; } = new(null, null, null, isAuthenticated: false);

    /// <summary>The user the token speaks for: <c>sub</c>, else Entra's <c>oid</c>.</summary>
    public string? Subject { get; }

    /// <summary>The issuer of the subject's claim.</summary>
    public string? Issuer { get; }

    /// <summary>The client application: <c>client_id</c>, else <c>azp</c>, <c>cid</c> or <c>appid</c>.</summary>
    public string? ClientId { get; }

    /// <summary>Who acts for the subject (RFC 8693 <c>act</c>: the outermost actor's <c>sub</c> or <c>client_id</c>), e.g. the gateway whose token exchange made this token.</summary>
    public string? Actor { get; init; }

    /// <summary>The granted scopes, from <c>scope</c> and <c>scp</c>.</summary>
    public IReadOnlySet<string> Scopes { get; }

    /// <summary>Realm roles, roles of the configured role clients, and Entra app roles.</summary>
    public IReadOnlySet<string> Roles { get; }

    /// <summary>The <c>groups</c> claim; a Keycloak group path <c>/platform</c> is also there as <c>platform</c>.</summary>
    public IReadOnlySet<string> Groups { get; }

    /// <summary>
    /// The caller's stable key: issuer and subject, for what is kept per user (sessions, rate limits, backend tokens);
    /// null without a subject. Two issuers' subjects never share a key.
    /// </summary>
    public string? Key { get; }

    /// <summary>Whether a token was validated for this caller.</summary>
    public bool IsAuthenticated { get; }

    /// <summary>
    /// The principal of a validated token (claims under their JWT names). <paramref name="roleClients"/> are the client
    /// ids whose Keycloak <c>resource_access</c> roles count as roles; the roles a token carries for any other
    /// application are not the caller's roles here.
    /// </summary>
    public static McpPrincipal From(ClaimsPrincipal? user, IReadOnlyCollection<string>? roleClients = null)
    {
        if (user is null || !IsAuthenticatedUser(user))
        {
            return Anonymous;
        }

        var entry = Cache.GetValue(user, static _ => new Normalized());
        if (roleClients is null || roleClients.Count == 0)
        {
            return entry.WithoutRoleClients ??= ClaimShapes.Read(user, null);
        }

        // Keyed by the instance: the options hand out the same array until the configuration changes.
        if (entry.WithRoleClients is { } known && ReferenceEquals(known.RoleClients, roleClients))
        {
            return known.Principal;
        }

        var principal = ClaimShapes.Read(user, roleClients);
        entry.WithRoleClients = new RoleClientsEntry(roleClients, principal);
        return principal;
    }

    private static bool IsAuthenticatedUser(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true || user.Identities.Any(identity => identity.IsAuthenticated);

    private static FrozenSet<string> SetOf(IEnumerable<string>? values) =>
        values is null ? FrozenSet<string>.Empty : values.Where(value => value.Length > 0).ToFrozenSet(StringComparer.Ordinal);

    private sealed class Normalized
    {
        public McpPrincipal? WithoutRoleClients;
        public RoleClientsEntry? WithRoleClients;
    }

    private sealed record RoleClientsEntry(IReadOnlyCollection<string> RoleClients, McpPrincipal Principal);
}
