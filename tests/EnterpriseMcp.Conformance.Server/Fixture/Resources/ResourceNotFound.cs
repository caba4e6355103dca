using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Resources;

/// <summary>Names the unknown URI in the error's data, so a client can tell which read failed (SEP-2164).</summary>
internal static class ResourceNotFound
{
    public static readonly McpRequestFilter<ReadResourceRequestParams, ReadResourceResult> NameTheUri =
        next => async (request, cancellationToken) =>
        {
            try
            {
                return await next(request, cancellationToken);
            }
            catch (McpProtocolException error) when (request.MatchedPrimitive is null && request.Params?.Uri is { } uri)
            {
                error.Data["uri"] = uri;
                throw;
            }
        };
}
