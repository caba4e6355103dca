using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using EnterpriseMcp.Hosting.Tools;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Validation;

/// <summary>
/// On 2026-07-28 requests, intermediaries route on Mcp-Method, Mcp-Name and Mcp-Param-* headers, so
/// each must say exactly what the body says; a disagreement is a HeaderMismatch (400, -32020).
/// </summary>
internal static class StandardHeadersValidator
{
    public static McpRequestRejection? Validate(HttpRequest request, JsonRpcMessage message,
        IMcpToolDirectory tools)
    {
        var method = McpMessageFields.Method(message);
        if (method is null)
        {
            return null;
        }

        if (!request.Headers.TryGetValue(McpHeaders.Method, out var methodHeader))
        {
            return Mismatch($"the {McpHeaders.Method} header is required.");
        }

        if (methodHeader.ToString().Trim() != method)
        {
            return Mismatch($"the {McpHeaders.Method} header '{methodHeader}' does not match the body method '{method}'.");
        }

        if (McpMessageFields.TargetProperty(method) is not { } targetProperty)
        {
            return null;
        }

        var target = McpMessageFields.String(McpMessageFields.Params(message), targetProperty);
        if (!request.Headers.TryGetValue(McpHeaders.Name, out var nameHeader))
        {
            return target is null ? null : Mismatch($"the {McpHeaders.Name} header is required for {method}.");
        }

        var name = McpHeaderValue.Decode(nameHeader.ToString());
        if (name is null)
        {
            return Mismatch($"the {McpHeaders.Name} header has invalid characters or invalid Base64.");
        }

        if (name != target)
        {
            return Mismatch($"the {McpHeaders.Name} header '{name}' does not match the body {targetProperty} '{target}'.");
        }

        return method == RequestMethods.ToolsCall && tools.TryGetInputSchema(name, out var inputSchema)
            ? ParamHeadersValidator.Validate(request, inputSchema, McpMessageFields.Params(message)?["arguments"])
            : null;
    }

    internal static McpRequestRejection Mismatch(string why) =>
        new(StatusCodes.Status400BadRequest, McpErrorCodes.HeaderMismatch, $"Bad Request: header mismatch: {why}");
}
