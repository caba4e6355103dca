using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Resources;

/// <summary>
/// resources/subscribe and resources/unsubscribe (2025 revisions). The fixture's resources never
/// change, so a subscription has nothing to deliver and nothing is kept; what remains is refusing
/// URIs that name no resource.
/// </summary>
internal static class ResourceSubscriptions
{
    public static void Register(McpServerHandlers handlers)
    {
        handlers.SubscribeToResourcesHandler = (request, cancellationToken) =>
            Accept(request.Server, request.Params?.Uri);
        handlers.UnsubscribeFromResourcesHandler = (request, cancellationToken) =>
            Accept(request.Server, request.Params?.Uri);
    }

    private static ValueTask<EmptyResult> Accept(McpServer server, string? uri)
    {
        var resources = server.ServerOptions.ResourceCollection;
        if (uri is null || resources is null || !resources.Any(resource => resource.IsMatch(uri)))
        {
            var error = new McpProtocolException($"No resource matches '{uri}'.", McpErrorCode.InvalidParams);
            error.Data["uri"] = uri;
            throw error;
        }

        return ValueTask.FromResult(new EmptyResult());
    }
}
