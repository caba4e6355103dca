using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Hosting.Protocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Routing;

/// <summary>
/// What a request names, by the gateway's name, and where that leads (backend and original name) when the catalog knows
/// it: what the rate limits and the audit look at, read one way for both.
/// </summary>
internal sealed record CallTarget(PolicyTargetKind Kind, string Name, Backend? Backend, string? OriginalName)
{
    public static CallTarget? Of(JsonRpcRequest request, BackendRegistry registry)
    {
        var catalog = registry.Catalog;
        var name = McpMessageFields.Target(request) ?? "";
        switch (request.Method)
        {
            case RequestMethods.ToolsCall:
                return catalog.TryFindTool(name, out var tool)
                    ? new(PolicyTargetKind.Tool, name, tool.Backend, tool.OriginalName)
                    : new(PolicyTargetKind.Tool, name, null, null);
            case RequestMethods.PromptsGet:
                return catalog.TryFindPrompt(name, out var prompt)
                    ? new(PolicyTargetKind.Prompt, name, prompt.Backend, prompt.OriginalName)
                    : new(PolicyTargetKind.Prompt, name, null, null);
            case RequestMethods.ResourcesRead or RequestMethods.ResourcesSubscribe or RequestMethods.ResourcesUnsubscribe
                or RequestMethods.CompletionComplete:
                var uri = McpMessageFields.String(request.Params, "uri") ?? name;
                return new(PolicyTargetKind.Resource, uri, catalog.FindResource(uri), uri);
            default:
                return null;
        }
    }
}
