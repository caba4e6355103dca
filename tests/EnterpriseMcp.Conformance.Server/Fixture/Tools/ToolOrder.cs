using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>
/// The collection hashes names with a per-process seed, so its order changes from run to run;
/// sorting keeps tools/list (and which tool a client meets first) the same on every run.
/// </summary>
internal static class ToolOrder
{
    public static readonly McpRequestFilter<ListToolsRequestParams, ListToolsResult> ByName =
        next => async (request, cancellationToken) =>
        {
            var result = await next(request, cancellationToken);
            result.Tools = [.. result.Tools.OrderBy(tool => tool.Name, StringComparer.Ordinal)];
            return result;
        };
}
