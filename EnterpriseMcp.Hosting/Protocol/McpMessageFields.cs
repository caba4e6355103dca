using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Protocol;

/// <summary>Reads the few body fields the transport needs without binding whole parameter types.</summary>
public static class McpMessageFields
{
    public static JsonNode? Params(JsonRpcMessage message) => message switch
    {
        JsonRpcRequest request => request.Params,
        JsonRpcNotification notification => notification.Params,
        _ => null,
    };

    public static string? Method(JsonRpcMessage message) => message switch
    {
        JsonRpcRequest request => request.Method,
        JsonRpcNotification notification => notification.Method,
        _ => null,
    };

    public static string? String(JsonNode? node, string property) =>
        node is JsonObject obj && obj[property] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    /// <summary>The body field a method names its target by: tools and prompts by name, resources by uri.</summary>
    public static string? TargetProperty(string? method) => method switch
    {
        RequestMethods.ToolsCall or RequestMethods.PromptsGet => "name",
        RequestMethods.ResourcesRead => "uri",
        _ => null,
    };

    public static string? Target(JsonRpcMessage message) =>
        TargetProperty(Method(message)) is { } property ? String(Params(message), property) : null;
}
