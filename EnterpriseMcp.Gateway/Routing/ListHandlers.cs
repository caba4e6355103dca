using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Federation;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Routing;

/// <summary>tools/list, prompts/list, resources/list and resources/templates/list: pages of the merged catalog.</summary>
internal static class ListHandlers
{
    public static void Register(McpServerHandlers handlers, BackendRegistry registry)
    {
        handlers.ListToolsHandler = (request, _) =>
        {
            var (items, next, lifetime) = Page(request, registry, catalog => catalog.Tools);
            return ValueTask.FromResult(new ListToolsResult { Tools = items, NextCursor = next, TimeToLive = lifetime });
        };
        handlers.ListPromptsHandler = (request, _) =>
        {
            var (items, next, lifetime) = Page(request, registry, catalog => catalog.Prompts);
            return ValueTask.FromResult(new ListPromptsResult { Prompts = items, NextCursor = next, TimeToLive = lifetime });
        };
        handlers.ListResourcesHandler = (request, _) =>
        {
            var (items, next, lifetime) = Page(request, registry, catalog => catalog.Resources);
            return ValueTask.FromResult(new ListResourcesResult { Resources = items, NextCursor = next, TimeToLive = lifetime });
        };
        handlers.ListResourceTemplatesHandler = (request, _) =>
        {
            var (items, next, lifetime) = Page(request, registry, catalog => catalog.ResourceTemplates);
            return ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = items, NextCursor = next, TimeToLive = lifetime });
        };
    }

    /// <summary>
    /// The page the cursor asks for, the cursor of the next, and the list's lifetime hint. Hints arrived with
    /// 2026-07-28; the lists are the same for every caller until policy filters them.
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
