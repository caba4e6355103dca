using Microsoft.Extensions.DependencyInjection.Extensions;
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
        // stateless server's capabilities unless a handler owns the listen stream that carries them.
        services.AddOptions<McpServerOptions>().Configure<ListenHandler>((server, listen) => server.Handlers.SubscriptionsListenHandler = listen.HandleAsync);
        return services;
    }
}
