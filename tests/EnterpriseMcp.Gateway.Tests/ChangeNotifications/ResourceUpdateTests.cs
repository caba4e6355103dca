using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Tests.ChangeNotifications;

/// <summary>resources/subscribe goes to the backend that owns the URI, and its updates reach only the sessions that subscribed.</summary>
public sealed class ResourceUpdateTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_update_reaches_the_subscribed_session_and_not_the_others()
    {
        await using var backend = await RecordingBackend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(TestBackends.Settings(("rec", backend.McpUrl)));
        var subscriber = await gateway.ConnectAsync("2025-11-25");
        var bystander = await gateway.ConnectAsync("2025-11-25");
        var heard = new List<string>();
        var overheard = 0;
        await using var _ = subscriber.RegisterNotificationHandler(NotificationMethods.ResourceUpdatedNotification, (notification, _) =>
        {
            lock (heard)
            {
                heard.Add(notification.Params!["uri"]!.GetValue<string>());
            }

            return ValueTask.CompletedTask;
        });
        await using var __ = bystander.RegisterNotificationHandler(NotificationMethods.ResourceUpdatedNotification, (_, _) =>
        {
            Interlocked.Increment(ref overheard);
            return ValueTask.CompletedTask;
        });

        await subscriber.SubscribeToResourceAsync(RecordingBackend.StatusUri, cancellationToken: Token);
        await Task.Delay(300, Token);
        await backend.AnnounceUpdateAsync(RecordingBackend.StatusUri);

        await Eventually.CountAsync(heard, 1);
        Assert.Equal([RecordingBackend.StatusUri], heard);
        await Task.Delay(200, Token);
        Assert.Equal(0, Volatile.Read(ref overheard));
    }

    [Fact]
    public async Task Subscribing_to_a_uri_no_backend_listed_is_refused()
    {
        await using var backend = await RecordingBackend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(TestBackends.Settings(("rec", backend.McpUrl)));
        var client = await gateway.ConnectAsync("2025-11-25");

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.SubscribeToResourceAsync("other://thing", cancellationToken: Token));
        Assert.Equal(McpErrorCode.ResourceNotFound, error.ErrorCode);
    }
}
