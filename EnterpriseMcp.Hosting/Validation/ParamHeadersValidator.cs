using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;

namespace EnterpriseMcp.Hosting.Validation;

/// <summary>
/// A tool argument annotated with <c>x-mcp-header</c> travels in an <c>Mcp-Param-{name}</c> header too;
/// the header must be present whenever the argument is, and carry the same value.
/// </summary>
internal static class ParamHeadersValidator
{
    public static McpRequestRejection? Validate(HttpRequest request, JsonElement schema, JsonNode? arguments) =>
        McpParamHeaders.Annotated(schema, arguments)
            .Select(annotated => Check(request, annotated.Header, annotated.Parameter, annotated.Argument))
            .FirstOrDefault(rejection => rejection is not null);

    private static McpRequestRejection? Check(HttpRequest request, string header, string parameter, JsonNode? argument)
    {
        var hasValue = argument is not null && argument.GetValueKind() != JsonValueKind.Null;
        if (!request.Headers.TryGetValue(header, out var raw))
        {
            return hasValue ? StandardHeadersValidator.Mismatch($"the {header} header is required for argument '{parameter}'.") : null;
        }

        var decoded = McpHeaderValue.Decode(raw.ToString());
        if (decoded is null)
        {
            return StandardHeadersValidator.Mismatch($"the {header} header has invalid characters or invalid Base64.");
        }

        if (hasValue && !Matches(decoded, argument!))
        {
            return StandardHeadersValidator.Mismatch($"the {header} header does not match argument '{parameter}'.");
        }

        return null;
    }

    private static bool Matches(string header, JsonNode argument) => argument.GetValueKind() switch
    {
        JsonValueKind.String => header == argument.GetValue<string>(),
        JsonValueKind.True => header == "true",
        JsonValueKind.False => header == "false",
        JsonValueKind.Number => decimal.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out var h) &&
                                decimal.TryParse(argument.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var b) &&
                                h == b,
        _ => false,
    };
}
