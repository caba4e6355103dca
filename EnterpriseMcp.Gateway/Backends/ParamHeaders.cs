using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Protocol;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>Writes each argument the tool's schema marks <c>x-mcp-header</c> into its header, as a 2026-07-28 client would.</summary>
internal static class ParamHeaders
{
    public static void Add(HttpRequestMessage request, JsonElement schema, JsonObject arguments)
    {
        foreach (var (header, _, argument) in McpParamHeaders.Annotated(schema, arguments))
        {
            if (argument is not null && ValueOf(argument) is { } value)
            {
                request.Headers.TryAddWithoutValidation(header, McpHeaderValue.Encode(value));
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
