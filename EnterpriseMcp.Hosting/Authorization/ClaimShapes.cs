using System.Security.Claims;
using System.Text.Json;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// Reads the claim shapes of the identity providers into an <see cref="McpPrincipal"/>. JsonWebTokenHandler turns a
/// JSON array into one claim per element and a JSON object into one claim holding the raw JSON (value type <c>JSON</c>).
/// </summary>
internal static class ClaimShapes
{
    // In order of preference: RFC 9068, then Keycloak and Entra v2, Okta, Entra v1.
    private static readonly string[] ClientIdClaims = ["client_id", "azp", "cid", "appid"];

    public static McpPrincipal Read(ClaimsPrincipal user, IReadOnlyCollection<string>? roleClients)
    {
        Claim? subject = null, objectId = null;
        string? actor = null;
        var clientIds = new string?[ClientIdClaims.Length];
        var scopes = new List<string>();
        var roles = new List<string>();
        var groups = new List<string>();
        foreach (var identity in user.Identities)
        {
            if (!identity.IsAuthenticated)
            {
                continue;
            }

            foreach (var claim in identity.Claims)
            {
                switch (claim.Type)
                {
                    case "sub" or ClaimTypes.NameIdentifier:
                        subject ??= claim;
                        break;
                    case "oid":
                        objectId ??= claim;
                        break;
                    case "act":
                        actor ??= AcceptedClients.ActorIds(claim.Value).FirstOrDefault();
                        break;
                    case "scope" or "scp":
                        foreach (var value in ValuesOf(claim))
                        {
                            scopes.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                        }

                        break;
                    case "roles":
                        roles.AddRange(ValuesOf(claim));
                        break;
                    case "groups":
                        foreach (var group in ValuesOf(claim))
                        {
                            groups.Add(group);
                            // Keycloak writes group paths; rules may name the group either way.
                            if (group.Length > 1 && group[0] == '/')
                            {
                                groups.Add(group[1..]);
                            }
                        }

                        break;
                    case "realm_access":
                        AddRoles(claim.Value, client: null, roles);
                        break;
                    case "resource_access" when roleClients is not null:
                        foreach (var client in roleClients)
                        {
                            AddRoles(claim.Value, client, roles);
                        }

                        break;
                    default:
                        var index = Array.IndexOf(ClientIdClaims, claim.Type);
                        if (index >= 0 && claim.Value.Length > 0)
                        {
                            clientIds[index] ??= claim.Value;
                        }

                        break;
                }
            }
        }

        var who = subject ?? objectId;
        return new McpPrincipal(who?.Value, who?.Issuer, clientIds.FirstOrDefault(id => id is not null), scopes, roles, groups)
        {
            Actor = actor,
        };
    }

    // A handler that keeps an array as one claim marks it JSON_ARRAY; JsonWebTokenHandler splits it already.
    private static IEnumerable<string> ValuesOf(Claim claim) =>
        claim.ValueType == "JSON_ARRAY" ? StringsOf(claim.Value) : [claim.Value];

    private static List<string> StringsOf(string jsonArray)
    {
        var values = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(jsonArray);
            AddStrings(document.RootElement, values);
        }
        catch (JsonException)
        {
            // Not the array it claims to be: grants nothing.
        }

        return values;
    }

    // realm_access is {"roles": [...]}; resource_access is {"<client>": {"roles": [...]}}.
    private static void AddRoles(string json, string? client, List<string> roles)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var access = document.RootElement;
            if (client is not null && !(access.ValueKind == JsonValueKind.Object && access.TryGetProperty(client, out access)))
            {
                return;
            }

            if (access.ValueKind == JsonValueKind.Object && access.TryGetProperty("roles", out var listed))
            {
                AddStrings(listed, roles);
            }
        }
        catch (JsonException)
        {
            // Not the object Keycloak writes: grants nothing.
        }
    }

    private static void AddStrings(JsonElement element, List<string> values)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            values.Add(element.GetString()!);
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            values.AddRange(element.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!));
        }
    }
}
