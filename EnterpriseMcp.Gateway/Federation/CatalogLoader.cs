using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Backends;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Federation;

/// <summary>Fetches every page of every list a backend offers.</summary>
internal static class CatalogLoader
{
    private const int MaxPages = 1000;
    private static readonly BackendCall ListCall = new(BackendGeneration.Stateless);

    public static async Task<BackendCatalog> LoadAsync(Backend backend, bool probe, CancellationToken cancellationToken)
    {
        var features = await backend.ConnectAsync(probe, cancellationToken);
        var tools = features.Offers("tools")
            ? await ListAsync<ListToolsResult, Tool>(backend, RequestMethods.ToolsList, r => r.Tools, probe, cancellationToken)
            : Listed<Tool>.None;
        var prompts = features.Offers("prompts")
            ? await ListAsync<ListPromptsResult, Prompt>(backend, RequestMethods.PromptsList, r => r.Prompts, probe, cancellationToken)
            : Listed<Prompt>.None;
        var offersResources = features.Offers("resources");
        var resources = offersResources
            ? await ListAsync<ListResourcesResult, Resource>(backend, RequestMethods.ResourcesList, r => r.Resources, probe, cancellationToken)
            : Listed<Resource>.None;
        var templates = offersResources
            ? await ListAsync<ListResourceTemplatesResult, ResourceTemplate>(backend, RequestMethods.ResourcesTemplatesList, r => r.ResourceTemplates, probe, cancellationToken)
            : Listed<ResourceTemplate>.None;
        return new BackendCatalog(tools.Items, prompts.Items, resources.Items, templates.Items, tools.TimeToLive);
    }

    private static async Task<Listed<TItem>> ListAsync<TResult, TItem>(Backend backend, string method,
        Func<TResult, IList<TItem>> items, bool probe, CancellationToken cancellationToken)
        where TResult : PaginatedResult
    {
        var all = new List<TItem>();
        TimeSpan? timeToLive = null;
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var parameters = cursor is null ? null : new JsonObject { ["cursor"] = cursor };
            var result = (await backend.SendAsync(method, parameters, ListCall, cancellationToken, probe)).Deserialize<TResult>(McpJsonUtilities.ProtocolOptions)
                ?? throw new JsonException($"Backend '{backend.Name}' answered {method} with null.");
            all.AddRange(items(result));
            timeToLive ??= (result as ICacheableResult)?.TimeToLive;
            cursor = result.NextCursor;
            if (cursor is null)
            {
                break;
            }
        }

        return new Listed<TItem>(all, timeToLive);
    }

    private sealed record Listed<T>(IReadOnlyList<T> Items, TimeSpan? TimeToLive)
    {
        public static readonly Listed<T> None = new([], null);
    }
}
