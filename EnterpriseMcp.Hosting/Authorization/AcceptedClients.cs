using System.Security.Claims;
using System.Text.Json;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// Whether a validated token was obtained by a client this resource accepts (<c>Mcp:Auth:AcceptedClients</c>): the
/// client it was issued to, or the actor of a token exchange (RFC 8693 <c>act</c>, whose <c>sub</c> or
/// <c>client_id</c> names the client that exchanged it).
/// </summary>
internal static class AcceptedClients
{
    private static readonly string[] ActorClaims = ["sub", "client_id"];

    public static bool Allows(IReadOnlyCollection<string> accepted, ClaimsPrincipal user)
    {
        if (accepted.Count == 0)
        {
            return true;
        }

        if (McpPrincipal.From(user).ClientId is { } client && accepted.Contains(client))
        {
            return true;
        }

        return user.FindFirst("act")?.Value is { Length: > 0 } actor && ActorIds(actor).Any(accepted.Contains);
    }

    // Only the outermost actor is the party that asked for this token; nested acts are earlier links of the chain.
    internal static IEnumerable<string> ActorIds(string json)
    {
        JsonElement actor;
        try
        {
            actor = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException)
        {
            yield break;
        }

        if (actor.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var name in ActorClaims)
        {
            if (actor.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } id)
            {
                yield return id;
            }
        }
    }
}

/// <summary>A valid token refused because no accepted client obtained it.</summary>
internal sealed class UnacceptedClientException()
    : Microsoft.IdentityModel.Tokens.SecurityTokenValidationException("The token was not obtained by a client this resource accepts.");
