using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Protocol;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>
/// Mirrors each argument whose schema property carries <c>x-mcp-header</c> into its
/// <c>Mcp-Param-{name}</c> header, as a 2026-07-28 client would (SEP-2243).
/// </summary>
internal static class ParamHeaders
{
    public static void Add(HttpRequestMessage request, JsonElement schema, JsonObject arguments)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in properties.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object || arguments[property.Name] is not { } argument)
            {
                continue;
            }

            if (argument is JsonObject nested)
            {
                Add(request, property.Value, nested);
            }

            if (property.Value.TryGetProperty("x-mcp-header", out var header) && header.GetString() is { Length: > 0 } suffix
                && ValueOf(argument) is { } value)
            {
                request.Headers.TryAddWithoutValidation(McpHeaders.ParamPrefix + suffix, McpHeaderValue.Encode(value));
            }
        }
    }

    private static string? ValueOf(JsonNode argument) => argument.GetValueKind() switch
    {
        JsonValueKind.String => argument.GetValue<string>(),
        JsonValueKind.Number => argument.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
