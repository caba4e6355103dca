using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Pipeline;
using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.Relaying;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Routing;

/// <summary>
/// tools/call, prompts/get, resources/read and completion/complete on a session's server: each the last steps of the
/// pipeline for its <see cref="GatewayCall"/> (the target found once), forwarded to the backend that offers it under its
/// own name and audited, answered with its result.
/// </summary>
internal sealed class CallHandlers(GatewayCalls calls, BackendRegistry registry, BackendForwarder forwarder, CallAudit audit)
{
    public void Register(McpServerHandlers handlers)
    {
        handlers.CallToolHandler = ForwardAsync<CallToolRequestParams, CallToolResult>;
        handlers.GetPromptHandler = ForwardAsync<GetPromptRequestParams, GetPromptResult>;
        handlers.ReadResourceHandler = ForwardAsync<ReadResourceRequestParams, ReadResourceResult>;
        handlers.CompleteHandler = ForwardAsync<CompleteRequestParams, CompleteResult>;
    }

    private async ValueTask<TResult> ForwardAsync<TParams, TResult>(RequestContext<TParams> request, CancellationToken cancellationToken)
    {
        var call = calls.Of(request.User, request.JsonRpcRequest);
        var result = await audit.RunAsync(request.JsonRpcRequest, call, () =>
        {
            var target = call.Target ?? throw new McpProtocolException("The request names nothing to call.", McpErrorCode.InvalidParams);
            if (target.Backend is not { } backend)
            {
                throw Unknown(target, request);
            }

            return forwarder.ForwardAsync(request, call, backend, Renamed(request, target), target.Tool?.InputSchema, cancellationToken);
        });
        return result.Deserialize<TResult>(McpJsonUtilities.ProtocolOptions)
            ?? throw new McpProtocolException($"Backend '{call.Target?.Backend?.Name}' answered with an empty result.", McpErrorCode.InternalError);
    }

    /// <summary>The request's parameters with the target's name changed to the backend's own (URIs are not renamed).</summary>
    private static JsonObject Renamed<TParams>(RequestContext<TParams> request, CallTarget target)
    {
        // The request is this call's alone, so its parameters are changed in place, not copied.
        var parameters = ParamsOf(request);
        if (target.Kind == PolicyTargetKind.Prompt && parameters["ref"] is JsonObject reference)
        {
            reference["name"] = target.OriginalName;
        }
        else if (target.Kind is PolicyTargetKind.Tool or PolicyTargetKind.Prompt)
        {
            parameters["name"] = target.OriginalName;
        }

        return parameters;
    }

    /// <summary>
    /// Unknown is invalid params (the spec's error); a name of a backend that is down says so instead. The code for an
    /// unknown resource changed with 2026-07-28 (SEP-2164); the URI travels in the data either way.
    /// </summary>
    private McpProtocolException Unknown<TParams>(CallTarget target, RequestContext<TParams> request)
    {
        if (target.Kind != PolicyTargetKind.Resource)
        {
            return registry.Catalog.FindUnavailable(target.Name) is { } down
                ? down.UnavailableError()
                : new McpProtocolException($"Unknown {target.Kind.ToString().ToLowerInvariant()}: '{target.Name}'", McpErrorCode.InvalidParams);
        }

        return ResourceNotFound(request, target.Name);
    }

    public static Backend ResourceOwner<TParams>(BackendRegistry registry, RequestContext<TParams> request, string? uri) =>
        uri is not null && registry.Catalog.FindResource(uri) is { } backend ? backend : throw ResourceNotFound(request, uri);

    private static McpProtocolException ResourceNotFound<TParams>(RequestContext<TParams> request, string? uri)
    {
        var error = new McpProtocolException($"Resource not found: '{uri}'",
            InboundCall.Of(request).Generation == BackendGeneration.Stateless ? McpErrorCode.InvalidParams : McpErrorCode.ResourceNotFound);
        error.Data["uri"] = uri;
        return error;
    }

    /// <summary>The request's own parameters, to be sent on: the request is this call's alone, so they are not copied.</summary>
    public static JsonObject ParamsOf<TParams>(RequestContext<TParams> request) =>
        request.JsonRpcRequest.Params as JsonObject ?? new JsonObject();
}
