using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using EnterpriseMcp.Hosting.Authorization;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// The body of an explain call: one target, and the principal to evaluate (the caller's own when absent). Read by
/// hand so that every mistyped property is named in the answer, not just the first.
/// </summary>
internal sealed record PolicyExplainRequest(McpPrincipal? Principal, PolicyTargetKind Kind, string Name)
{
    public const string Usage =
        "Send a JSON object with exactly one of \"tool\", \"prompt\" or \"resource\" (the name to explain) and, optionally, " +
        "\"principal\": {\"subject\", \"issuer\", \"clientId\", \"scopes\", \"roles\", \"groups\"} (the caller's own token when absent).";

    private static readonly string[] PrincipalProperties = ["subject", "issuer", "clientId", "scopes", "roles", "groups"];

    public static bool TryParse(JsonElement body, [NotNullWhen(true)] out PolicyExplainRequest? request, out string problem)
    {
        request = null;
        problem = "";
        if (body.ValueKind != JsonValueKind.Object)
        {
            problem = $"The body is not a JSON object. {Usage}";
            return false;
        }

        var unknown = new List<string>();
        var targets = new List<(PolicyTargetKind Kind, JsonElement Value)>();
        JsonElement? principal = null;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "tool": targets.Add((PolicyTargetKind.Tool, property.Value)); break;
                case "prompt": targets.Add((PolicyTargetKind.Prompt, property.Value)); break;
                case "resource": targets.Add((PolicyTargetKind.Resource, property.Value)); break;
                case "principal": principal = property.Value; break;
                default: unknown.Add(property.Name); break;
            }
        }

        if (principal is { ValueKind: JsonValueKind.Object } given)
        {
            unknown.AddRange(given.EnumerateObject().Select(p => p.Name).Where(name => !PrincipalProperties.Contains(name)).Select(name => "principal." + name));
        }

        if (unknown.Count > 0)
        {
            problem = $"Unknown properties: {string.Join(", ", unknown)}. {Usage}";
            return false;
        }

        if (targets.Count != 1 || targets[0].Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(targets[0].Value.GetString()))
        {
            problem = targets.Count > 1 ? $"Several targets were given. {Usage}" : $"No target name was given. {Usage}";
            return false;
        }

        McpPrincipal? evaluated = null;
        if (principal is { ValueKind: not JsonValueKind.Null } value && !TryReadPrincipal(value, out evaluated, out problem))
        {
            return false;
        }

        request = new PolicyExplainRequest(evaluated, targets[0].Kind, targets[0].Value.GetString()!);
        return true;
    }

    private static bool TryReadPrincipal(JsonElement value, [NotNullWhen(true)] out McpPrincipal? principal, out string problem)
    {
        principal = null;
        problem = "";
        if (value.ValueKind != JsonValueKind.Object)
        {
            problem = $"\"principal\" must be an object. {Usage}";
            return false;
        }

        string? subject = null, issuer = null, clientId = null;
        List<string> scopes = [], roles = [], groups = [];
        foreach (var property in value.EnumerateObject())
        {
            var ok = property.Name switch
            {
                "subject" => TryReadString(property.Value, out subject),
                "issuer" => TryReadString(property.Value, out issuer),
                "clientId" => TryReadString(property.Value, out clientId),
                "scopes" => TryReadStrings(property.Value, scopes, splitSpaces: true),
                "roles" => TryReadStrings(property.Value, roles, splitSpaces: false),
                "groups" => TryReadStrings(property.Value, groups, splitSpaces: false),
                _ => true, // Unknown names were refused before.
            };
            if (!ok)
            {
                problem = $"\"principal.{property.Name}\" must be " +
                    (property.Name is "subject" or "issuer" or "clientId" ? "a string." : "an array of strings.");
                return false;
            }
        }

        principal = new McpPrincipal(subject, issuer, clientId, scopes, roles, groups);
        return true;
    }

    private static bool TryReadString(JsonElement value, out string? text)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return value.ValueKind is JsonValueKind.String or JsonValueKind.Null;
    }

    // A space-separated string is taken for scopes, as a token's scope claim holds them.
    private static bool TryReadStrings(JsonElement value, List<string> values, bool splitSpaces)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String when splitSpaces:
                values.AddRange(value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                return true;
            case JsonValueKind.Array when value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String):
                values.AddRange(value.EnumerateArray().Select(item => item.GetString()!));
                return true;
            default:
                return false;
        }
    }
}
