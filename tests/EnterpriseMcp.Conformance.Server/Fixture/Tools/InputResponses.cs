using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>
/// Reads the client's answers from a retried request. A missing answer is not an error (the tool
/// asks again); an answer of the wrong shape is invalid params.
/// </summary>
internal static class InputResponses
{
    public static bool Has(RequestParams request, string key) =>
        request.InputResponses?.ContainsKey(key) == true;

    public static ElicitResult? Elicitation(RequestParams request, string key) =>
        Read(request, key, InputResponse.ElicitResultJsonTypeInfo, "an elicitation result");

    public static CreateMessageResult? Sampling(RequestParams request, string key) =>
        Read(request, key, InputResponse.CreateMessageResultJsonTypeInfo, "a sampling result");

    public static ListRootsResult? Roots(RequestParams request, string key) =>
        Read(request, key, InputResponse.ListRootsResultJsonTypeInfo, "a roots/list result");

    public static string? Text(this ElicitResult result, string field) =>
        result.Content?.TryGetValue(field, out var value) == true
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    public static string FirstText(this CreateMessageResult result) =>
        result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text ?? "(no text)";

    private static T? Read<T>(
        RequestParams request, string key, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string expected)
        where T : class
    {
        if (request.InputResponses?.TryGetValue(key, out var response) != true || response is null)
        {
            return null;
        }

        T? result;
        try
        {
            result = response.RawValue.ValueKind == JsonValueKind.Object ? response.Deserialize(typeInfo) : null;
        }
        catch (JsonException)
        {
            result = null;
        }

        return result ?? throw new McpProtocolException(
            $"inputResponses['{key}'] is not {expected}.", McpErrorCode.InvalidParams);
    }
}
