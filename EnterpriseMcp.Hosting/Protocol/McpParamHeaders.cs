using System.Text.Json;
using System.Text.Json.Nodes;

namespace EnterpriseMcp.Hosting.Protocol;

/// <summary>
/// The tool arguments that travel in <c>Mcp-Param-{name}</c> headers as well (SEP-2243): every schema
/// property annotated <c>x-mcp-header</c>, nested objects included, with the argument the call gives it.
/// </summary>
public static class McpParamHeaders
{
    public static IEnumerable<(string Header, string Parameter, JsonNode? Argument)> Annotated(JsonElement schema, JsonNode? arguments)
    {
        if (schema.ValueKind != JsonValueKind.Object ||
            !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var property in properties.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var argument = (arguments as JsonObject)?[property.Name];
            if (property.Value.TryGetProperty("properties", out _))
            {
                foreach (var nested in Annotated(property.Value, argument))
                {
                    yield return nested;
                }
            }

            if (property.Value.TryGetProperty("x-mcp-header", out var headerName) && headerName.GetString() is { Length: > 0 } suffix)
            {
                yield return (McpHeaders.ParamPrefix + suffix, property.Name, argument);
            }
        }
    }
}
