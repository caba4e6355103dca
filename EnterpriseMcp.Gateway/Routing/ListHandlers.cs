using EnterpriseMcp.Gateway.Backends;
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
            var catalog = registry.Catalog;
            var (page, next) = ListPages.Take(catalog.Tools, request.Params?.Cursor, registry.Options.ListPageSize);
            return ValueTask.FromResult(new ListToolsResult { Tools = page, NextCursor = next, TimeToLive = TimeToLive(request, catalog.ListTimeToLive) });
        };
        handlers.ListPromptsHandler = (request, _) =>
        {
            var catalog = registry.Catalog;
            var (page, next) = ListPages.Take(catalog.Prompts, request.Params?.Cursor, registry.Options.ListPageSize);
            return ValueTask.FromResult(new ListPromptsResult { Prompts = page, NextCursor = next, TimeToLive = TimeToLive(request, catalog.ListTimeToLive) });
        };
        handlers.ListResourcesHandler = (request, _) =>
        {
            var catalog = registry.Catalog;
            var (page, next) = ListPages.Take(catalog.Resources, request.Params?.Cursor, registry.Options.ListPageSize);
            return ValueTask.FromResult(new ListResourcesResult { Resources = page, NextCursor = next, TimeToLive = TimeToLive(request, catalog.ListTimeToLive) });
        };
        handlers.ListResourceTemplatesHandler = (request, _) =>
        {
            var catalog = registry.Catalog;
            var (page, next) = ListPages.Take(catalog.ResourceTemplates, request.Params?.Cursor, registry.Options.ListPageSize);
            return ValueTask.FromResult(new ListResourceTemplatesResult
            {
                ResourceTemplates = page,
                NextCursor = next,
                TimeToLive = TimeToLive(request, catalog.ListTimeToLive),
            });
        };
    }

    // Lifetime hints arrived with 2026-07-28; the lists are the same for every caller until policy filters them.
    private static TimeSpan? TimeToLive<TParams>(RequestContext<TParams> request, TimeSpan? hinted) =>
        Relaying.InboundCall.Of(request).Generation == BackendGeneration.Stateless ? hinted : null;
}
