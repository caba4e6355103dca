using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Relaying;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Routing;

/// <summary>
/// tools/call, prompts/get, resources/read and completion/complete: found in the merged catalog,
/// sent to the backend that offers them under their own names, answered with its result.
/// </summary>
internal static class CallHandlers
{
    public static void Register(McpServerHandlers handlers, BackendRegistry registry, BackendForwarder forwarder, CallAudit audit)
    {
        handlers.CallToolHandler = async (request, cancellationToken) =>
        {
            var name = request.Params?.Name ?? "";
            if (!registry.Catalog.TryFindTool(name, out var tool))
            {
                throw Unknown("tool", name, registry);
            }

            var result = await audit.RunAsync(request.JsonRpcRequest, request.User, name, tool.Backend, tool.OriginalName,
                () => forwarder.ForwardAsync(request, tool.Backend, Renamed(request, "name", tool.OriginalName), tool.Definition.InputSchema,
                    cancellationToken), cancellationToken);
            return Read<CallToolResult>(result, tool.Backend);
        };

        handlers.GetPromptHandler = async (request, cancellationToken) =>
        {
            var name = request.Params?.Name ?? "";
            if (!registry.Catalog.TryFindPrompt(name, out var prompt))
            {
                throw Unknown("prompt", name, registry);
            }

            var result = await audit.RunAsync(request.JsonRpcRequest, request.User, name, prompt.Backend, prompt.OriginalName,
                () => forwarder.ForwardAsync(request, prompt.Backend, Renamed(request, "name", prompt.OriginalName), null, cancellationToken),
                cancellationToken);
            return Read<GetPromptResult>(result, prompt.Backend);
        };

        handlers.ReadResourceHandler = async (request, cancellationToken) =>
        {
            var uri = request.Params?.Uri;
            var backend = ResourceOwner(registry, request, uri);
            var result = await audit.RunAsync(request.JsonRpcRequest, request.User, uri!, backend, uri!,
                () => forwarder.ForwardAsync(request, backend, ParamsOf(request), null, cancellationToken), cancellationToken);
            return Read<ReadResourceResult>(result, backend);
        };

        handlers.CompleteHandler = async (request, cancellationToken) =>
        {
            var parameters = ParamsOf(request);
            Backend backend;
            string name, originalName;
            if (request.Params?.Ref is PromptReference { Name: var promptName })
            {
                if (!registry.Catalog.TryFindPrompt(promptName, out var prompt))
                {
                    throw Unknown("prompt", promptName, registry);
                }

                backend = prompt.Backend;
                (name, originalName) = (promptName, prompt.OriginalName);
                parameters["ref"]!["name"] = prompt.OriginalName;
            }
            else
            {
                var uri = (request.Params?.Ref as ResourceTemplateReference)?.Uri;
                backend = ResourceOwner(registry, request, uri);
                (name, originalName) = (uri!, uri!);
            }

            var result = await audit.RunAsync(request.JsonRpcRequest, request.User, name, backend, originalName,
                () => forwarder.ForwardAsync(request, backend, parameters, null, cancellationToken), cancellationToken);
            return Read<CompleteResult>(result, backend);
        };
    }

    /// <summary>Unknown is invalid params (the spec's error); a name of a backend that is down says so instead.</summary>
    private static McpProtocolException Unknown(string kind, string name, BackendRegistry registry) =>
        registry.Catalog.FindUnavailable(name) is { } backend
            ? backend.UnavailableError()
            : new McpProtocolException($"Unknown {kind}: '{name}'", McpErrorCode.InvalidParams);

    public static Backend ResourceOwner<TParams>(BackendRegistry registry, RequestContext<TParams> request, string? uri)
    {
        if (uri is not null && registry.Catalog.FindResource(uri) is { } backend)
        {
            return backend;
        }

        // The code for an unknown resource changed with 2026-07-28 (SEP-2164); the URI travels in the data either way.
        var error = new McpProtocolException($"Resource not found: '{uri}'",
            InboundCall.Of(request).Generation == BackendGeneration.Stateless ? McpErrorCode.InvalidParams : McpErrorCode.ResourceNotFound);
        error.Data["uri"] = uri;
        throw error;
    }

    /// <summary>The request's own parameters, to be sent on: the request is this call's alone, so they are not copied.</summary>
    public static JsonObject ParamsOf<TParams>(RequestContext<TParams> request) =>
        request.JsonRpcRequest.Params as JsonObject ?? new JsonObject();

    private static JsonObject Renamed<TParams>(RequestContext<TParams> request, string property, string originalName)
    {
        var parameters = ParamsOf(request);
        parameters[property] = originalName;
        return parameters;
    }

    private static T Read<T>(JsonNode result, Backend backend) =>
        result.Deserialize<T>(McpJsonUtilities.ProtocolOptions) ?? throw new McpProtocolException($"Backend '{backend.Name}' answered with an empty result.", McpErrorCode.InternalError);
}
