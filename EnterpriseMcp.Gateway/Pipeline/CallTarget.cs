using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Hosting.Protocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Pipeline;

/// <summary>
/// What a request names, by the gateway's name, and where that leads (backend, original name and, for a tool, its
/// definition) when the catalog knows it: read once per request for the policy, the limits, the audit and the forwarding.
/// </summary>
internal sealed record CallTarget(PolicyTargetKind Kind, string Name, Backend? Backend, string? OriginalName, Tool? Tool = null)
{
    /// <summary>What <paramref name="request"/> acts on; null for requests that name nothing (lists, pings, ...).</summary>
    public static CallTarget? Of(JsonRpcRequest request, BackendRegistry registry)
    {
        var catalog = registry.Catalog;
        switch (request.Method)
        {
            case RequestMethods.ToolsCall:
                var toolName = McpMessageFields.String(request.Params, "name") ?? "";
                return catalog.TryFindTool(toolName, out var tool)
                    ? new(PolicyTargetKind.Tool, toolName, tool.Backend, tool.OriginalName, tool.Definition)
                    : new(PolicyTargetKind.Tool, toolName, null, null);
            case RequestMethods.PromptsGet:
                return Prompt(McpMessageFields.String(request.Params, "name") ?? "", registry);
            case RequestMethods.ResourcesRead or RequestMethods.ResourcesSubscribe or RequestMethods.ResourcesUnsubscribe:
                return Resource(McpMessageFields.String(request.Params, "uri") ?? "", registry);
            case RequestMethods.CompletionComplete:
                // A completion acts on what its reference names: a prompt, or a resource template.
                var reference = request.Params?["ref"];
                return McpMessageFields.String(reference, "type") == "ref/prompt"
                    ? Prompt(McpMessageFields.String(reference, "name") ?? "", registry)
                    : Resource(McpMessageFields.String(reference, "uri") ?? "", registry);
            default:
                return null;
        }
    }

    private static CallTarget Prompt(string name, BackendRegistry registry) =>
        registry.Catalog.TryFindPrompt(name, out var prompt)
            ? new(PolicyTargetKind.Prompt, name, prompt.Backend, prompt.OriginalName)
            : new(PolicyTargetKind.Prompt, name, null, null);

    private static CallTarget Resource(string uri, BackendRegistry registry) =>
        registry.Catalog.FindResource(uri) is { } backend
            ? new(PolicyTargetKind.Resource, uri, backend, uri)
            : new(PolicyTargetKind.Resource, uri, null, null);
}
