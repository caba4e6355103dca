using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture;

/// <summary>
/// Every primitive here is the same for every caller, so lists and reads are publicly cacheable
/// (SEP-2549). The hints arrived with 2026-07-28; earlier revisions get none.
/// </summary>
internal static class CachingHints
{
    private const string FirstRevision = "2026-07-28";

    private static readonly TimeSpan s_listLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_readLifetime = TimeSpan.FromMinutes(1);

    public static void Register(McpRequestFilters filters)
    {
        filters.ListToolsFilters.Add(Public<ListToolsRequestParams, ListToolsResult>(s_listLifetime));
        filters.ListPromptsFilters.Add(Public<ListPromptsRequestParams, ListPromptsResult>(s_listLifetime));
        filters.ListResourcesFilters.Add(Public<ListResourcesRequestParams, ListResourcesResult>(s_listLifetime));
        filters.ListResourceTemplatesFilters.Add(
            Public<ListResourceTemplatesRequestParams, ListResourceTemplatesResult>(s_listLifetime));
        filters.ReadResourceFilters.Add(Public<ReadResourceRequestParams, ReadResourceResult>(s_readLifetime));
    }

    private static McpRequestFilter<TParams, TResult> Public<TParams, TResult>(TimeSpan lifetime)
        where TResult : ICacheableResult =>
        next => async (request, cancellationToken) =>
        {
            var result = await next(request, cancellationToken);
            var revision = request.JsonRpcRequest.Context?.ProtocolVersion ?? request.Server.NegotiatedProtocolVersion;
            if (string.CompareOrdinal(revision, FirstRevision) < 0)
            {
                return result;
            }

            result.TimeToLive ??= lifetime;
            result.CacheScope ??= CacheScope.Public;
            return result;
        };
}
