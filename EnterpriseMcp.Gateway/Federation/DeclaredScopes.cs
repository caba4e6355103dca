using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Federation;

/// <summary>
/// The OAuth scopes a backend says a tool demands of a caller's token: its listing's
/// <c>_meta.securitySchemes</c> entries of type <c>oauth2</c> (the shape our tool servers and the OpenAI Apps SDK
/// use). Read once per catalog, so the gateway can refuse or warn before a call the backend would refuse.
/// </summary>
internal static class DeclaredScopes
{
    public const string MetaKey = "securitySchemes";

    public static IReadOnlyList<string> Of(Tool tool)
    {
        if (tool.Meta?[MetaKey] is not JsonArray schemes)
        {
            return [];
        }

        var scopes = new List<string>();
        foreach (var scheme in schemes)
        {
            if (scheme is JsonObject declared && Text(declared["type"]) == "oauth2" && declared["scopes"] is JsonArray names)
            {
                scopes.AddRange(names.Select(Text).OfType<string>().Where(name => name.Length > 0));
            }
        }

        return [.. scopes.Distinct(StringComparer.Ordinal)];
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
