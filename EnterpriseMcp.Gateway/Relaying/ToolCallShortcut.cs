using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Relaying;

/// <summary>
/// A 2026-07-28 client's tools/call to a backend that speaks 2026-07-28 too, relayed without an SDK server: the name
/// changed to the backend's own, the backend's token and circuit as for any call, and its result (a tool result or an
/// input-required result, which the client answers by retrying) handed back as the backend wrote it. Every other call
/// (a 2025 backend, a call suspended here) goes through the server's handlers.
/// </summary>
internal sealed class ToolCallShortcut(BackendRegistry registry, CallAudit audit) : IMcpRequestShortcut
{
    public bool Takes(JsonRpcRequest request) =>
        request.Method == RequestMethods.ToolsCall
        && McpMessageFields.String(request.Params, "name") is { } name
        && registry.Catalog.TryFindTool(name, out var tool)
        && tool.Backend.Connection.Features?.Choose(BackendGeneration.Stateless) == BackendGeneration.Stateless
        && !SuspendedCalls.IsOurs(McpMessageFields.String(request.Params, "requestState"));

    public async Task<JsonNode> RunAsync(JsonRpcRequest request, HttpContext context,
        Func<JsonRpcNotification, CancellationToken, ValueTask> notify, CancellationToken cancellationToken)
    {
        var parameters = (JsonObject)request.Params!;
        var name = McpMessageFields.String(parameters, "name")!;
        if (!registry.Catalog.TryFindTool(name, out var tool))
        {
            // Gone from the catalog since Takes: a backend removed by a configuration change.
            throw new McpProtocolException($"Unknown tool: '{name}'", McpErrorCode.InvalidParams);
        }

        parameters["name"] = tool.OriginalName;
        var meta = parameters["_meta"] as JsonObject;
        var logLevel = meta?[MetaKeys.LogLevel]?.Deserialize<LoggingLevel?>(McpJsonUtilities.ProtocolOptions);
        var capabilities = meta?[MetaKeys.ClientCapabilities]?.Deserialize<ClientCapabilities>(McpJsonUtilities.ProtocolOptions);
        var user = context.User.Identity?.IsAuthenticated == true ? context.User : null;
        var call = new BackendCall(BackendGeneration.Stateless, new ShortcutRelay(notify, logLevel), capabilities, logLevel,
            tool.Definition.InputSchema, user);
        return await audit.RunAsync(request, user, name, tool.Backend, tool.OriginalName, async () =>
        {
            try
            {
                return await tool.Backend.SendAsync(RequestMethods.ToolsCall, parameters, call, cancellationToken);
            }
            catch (BackendRefusedException refused)
            {
                throw refused.For($"tool '{name}'");
            }
        }, cancellationToken);
    }
}
