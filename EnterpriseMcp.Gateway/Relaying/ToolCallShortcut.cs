using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Pipeline;
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
internal sealed class ToolCallShortcut(GatewayCalls calls, CallAudit audit) : IMcpRequestShortcut
{
    public bool Takes(JsonRpcRequest request) =>
        request.Method == RequestMethods.ToolsCall
        && calls.TargetOf(request) is { Backend: { } backend }
        && backend.Connection.Features?.Choose(BackendGeneration.Stateless) == BackendGeneration.Stateless
        && !SuspendedCalls.IsOurs(McpMessageFields.String(request.Params, "requestState"));

    public async Task<JsonNode> RunAsync(JsonRpcRequest request, HttpContext context,
        Func<JsonRpcNotification, CancellationToken, ValueTask> notify, CancellationToken cancellationToken)
    {
        var gatewayCall = calls.Of(context.User, request);
        var (name, backend, originalName) = (gatewayCall.Target!.Name, gatewayCall.Target.Backend!, gatewayCall.Target.OriginalName!);
        var parameters = (JsonObject)request.Params!;
        parameters["name"] = originalName;
        var meta = parameters["_meta"] as JsonObject;
        var logLevel = meta?[MetaKeys.LogLevel]?.Deserialize<LoggingLevel?>(McpJsonUtilities.ProtocolOptions);
        var capabilities = meta?[MetaKeys.ClientCapabilities]?.Deserialize<ClientCapabilities>(McpJsonUtilities.ProtocolOptions);
        var user = context.User.Identity?.IsAuthenticated == true ? context.User : null;
        var call = new BackendCall(BackendGeneration.Stateless, new ShortcutRelay(notify, logLevel), capabilities, logLevel,
            gatewayCall.Target.Tool?.InputSchema, user) { Size = gatewayCall.Answer };
        return await audit.RunAsync(request, gatewayCall, async () =>
        {
            try
            {
                return await backend.SendAsync(RequestMethods.ToolsCall, parameters, call, cancellationToken);
            }
            catch (BackendRefusedException refused)
            {
                throw refused.For($"tool '{name}'");
            }
        });
    }
}
