using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Hosting.Sessions;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Routing;

/// <summary>
/// Tells listening clients what changed behind the gateway: a list (a backend's tools changed, or a
/// backend went down or came back), or a resource they subscribed to. Wired at start, apart from the
/// registry, because the sessions it speaks to are built from the server options the registry feeds.
/// </summary>
internal sealed class ClientAnnouncements(BackendRegistry registry, ResourceSubscriptions subscriptions, McpSessionNotifier notifier)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.ListChanged += method => _ = notifier.NotifyListeningSessionsAsync(method);
        // A replica taking over the announcements from another (Redis) cannot know what changed while none made them.
        notifier.BroadcastsTakenOver += () =>
        {
            foreach (var method in (string[])[NotificationMethods.ToolListChangedNotification,
                NotificationMethods.PromptListChangedNotification, NotificationMethods.ResourceListChangedNotification])
            {
                _ = notifier.NotifyListeningSessionsAsync(method);
            }
        };
        registry.ResourceUpdated += notification =>
        {
            if (notification.Params?["uri"]?.GetValue<string>() is { } uri && subscriptions.SubscribersOf(uri) is { } subscribed)
            {
                _ = notifier.NotifyListeningSessionsAsync(notification.Method, notification.Params, subscribed);
            }
        };
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
