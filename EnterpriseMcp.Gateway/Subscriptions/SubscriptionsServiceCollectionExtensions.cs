using EnterpriseMcp.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Subscriptions;

internal static class SubscriptionsServiceCollectionExtensions
{
    /// <summary><c>subscriptions/listen</c> for 2026-07-28 clients, fed by what backends of either generation announce.</summary>
    public static IServiceCollection AddGatewaySubscriptions(this IServiceCollection services)
    {
        services.TryAddSingleton<ClientListeners>();
        services.TryAddSingleton<ListenHandler>();
        services.AddHostedService<BackendSubscriptions>();
        // Setting the handler is also what lets server/discover advertise the listChanged flags: the SDK drops them from a
        // stateless server's capabilities unless a handler owns the listen stream that carries them. Answers written as one
        // JSON body cannot carry a stream, so then the SDK's own handler stays (it acknowledges nothing) and so do its flags.
        services.AddOptions<McpServerOptions>().Configure<ListenHandler, IOptions<McpHttpOptions>>((server, listen, http) =>
        {
            if (http.Value.ResponseMode == McpResponseMode.Sse)
            {
                server.Handlers.SubscriptionsListenHandler = listen.HandleAsync;
            }
        });
        return services;
    }
}
