using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Federation;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Routing;

/// <summary>tools/list, prompts/list, resources/list and resources/templates/list: pages of the merged catalog.</summary>
internal static class ListHandlers
{
    public static void Register(McpServerHandlers handlers, BackendRegistry registry, GatewayRequestAuthorizer access)
    {
        handlers.ListToolsHandler = (request, _) =>
        {
            var (items, next, lifetime) = Page(request, registry, catalog => Visible(request, access, catalog.Tools, PolicyTargetKind.Tool, tool => tool.Name));
            return ValueTask.FromResult(new ListToolsResult { Tools = items, NextCursor = next, TimeToLive = lifetime });
        };
        handlers.ListPromptsHandler = (request, _) =>
        {
            var (items, next, lifetime) = Page(request, registry, catalog => Visible(request, access, catalog.Prompts, PolicyTargetKind.Prompt, prompt => prompt.Name));
            return ValueTask.FromResult(new ListPromptsResult { Prompts = items, NextCursor = next, TimeToLive = lifetime });
        };
        handlers.ListResourcesHandler = (request, _) =>
        {
            var (items, next, lifetime) = Page(request, registry, catalog => Visible(request, access, catalog.Resources, PolicyTargetKind.Resource, resource => resource.Uri));
            return ValueTask.FromResult(new ListResourcesResult { Resources = items, NextCursor = next, TimeToLive = lifetime });
        };
        handlers.ListResourceTemplatesHandler = (request, _) =>
        {
            var (items, next, lifetime) = Page(request, registry,
                catalog => Visible(request, access, catalog.ResourceTemplates, PolicyTargetKind.Resource, template => template.UriTemplate));
            return ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = items, NextCursor = next, TimeToLive = lifetime });
        };
    }

    /// <summary>What the policy lets this caller see: the same policy that decides its calls, so a client never offers a tool that would be refused.</summary>
    private static IReadOnlyList<T> Visible<TParams, T>(RequestContext<TParams> request, GatewayRequestAuthorizer access, IReadOnlyList<T> items,
        PolicyTargetKind kind, Func<T, string> name)
    {
        if (!access.Enforced)
        {
            return items;
        }

        var caller = access.PrincipalOf(request.User);
        return [.. items.Where(item => access.Shows(caller, kind, name(item)))];
    }

    /// <summary>
    /// The page the cursor asks for, the cursor of the next, and the list's lifetime hint. Hints arrived with
    /// 2026-07-28; each caller's lists are what the policy lets it see.
    /// </summary>
    private static (IList<T> Items, string? NextCursor, TimeSpan? TimeToLive) Page<TParams, T>(
        RequestContext<TParams> request, BackendRegistry registry, Func<FederatedCatalog, IReadOnlyList<T>> list)
        where TParams : PaginatedRequestParams
    {
        var catalog = registry.Catalog;
        var (items, next) = ListPages.Take(list(catalog), request.Params?.Cursor, registry.Options.ListPageSize);
        var stateless = Relaying.InboundCall.Of(request).Generation == BackendGeneration.Stateless;
        return (items, next, stateless ? catalog.ListTimeToLive : null);
    }
}
