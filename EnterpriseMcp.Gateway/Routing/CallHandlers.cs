using System.Text.Json;
using System.Text.Json.Nodes;
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
    public static void Register(McpServerHandlers handlers, BackendRegistry registry)
    {
        handlers.CallToolHandler = async (request, cancellationToken) =>
        {
            var name = request.Params?.Name ?? "";
            if (!registry.Catalog.TryFindTool(name, out var tool))
            {
                throw new McpProtocolException($"Unknown tool: '{name}'", McpErrorCode.InvalidParams);
            }

            var result = await BackendForwarder.ForwardAsync(request, tool.Backend, Renamed(request, "name", tool.OriginalName),
                tool.Definition.InputSchema, cancellationToken);
            return Read<CallToolResult>(result, tool.Backend);
        };

        handlers.GetPromptHandler = async (request, cancellationToken) =>
        {
            var name = request.Params?.Name ?? "";
            if (!registry.Catalog.TryFindPrompt(name, out var prompt))
            {
                throw new McpProtocolException($"Unknown prompt: '{name}'", McpErrorCode.InvalidParams);
            }

            var result = await BackendForwarder.ForwardAsync(request, prompt.Backend, Renamed(request, "name", prompt.OriginalName), null, cancellationToken);
            return Read<GetPromptResult>(result, prompt.Backend);
        };

        handlers.ReadResourceHandler = async (request, cancellationToken) =>
        {
            var backend = ResourceOwner(registry, request, request.Params?.Uri);
            var result = await BackendForwarder.ForwardAsync(request, backend, Copy(request), null, cancellationToken);
            return Read<ReadResourceResult>(result, backend);
        };

        handlers.CompleteHandler = async (request, cancellationToken) =>
        {
            var parameters = Copy(request);
            Backend backend;
            if (request.Params?.Ref is PromptReference { Name: var promptName })
            {
                if (!registry.Catalog.TryFindPrompt(promptName, out var prompt))
                {
                    throw new McpProtocolException($"Unknown prompt: '{promptName}'", McpErrorCode.InvalidParams);
                }

                backend = prompt.Backend;
                parameters["ref"]!["name"] = prompt.OriginalName;
            }
            else
            {
                backend = ResourceOwner(registry, request, (request.Params?.Ref as ResourceTemplateReference)?.Uri);
            }

            var result = await BackendForwarder.ForwardAsync(request, backend, parameters, null, cancellationToken);
            return Read<CompleteResult>(result, backend);
        };
    }

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

    public static JsonObject Copy<TParams>(RequestContext<TParams> request) =>
        request.JsonRpcRequest.Params?.DeepClone() as JsonObject ?? new JsonObject();

    private static JsonObject Renamed<TParams>(RequestContext<TParams> request, string property, string originalName)
    {
        var parameters = Copy(request);
        parameters[property] = originalName;
        return parameters;
    }

    private static T Read<T>(JsonNode result, Backend backend) =>
        result.Deserialize<T>(McpJsonUtilities.DefaultOptions) ?? throw new McpProtocolException($"Backend '{backend.Name}' answered with an empty result.", McpErrorCode.InternalError);
}
