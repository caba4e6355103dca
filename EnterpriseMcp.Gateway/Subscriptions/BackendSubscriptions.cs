using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Backends;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Subscriptions;

/// <summary>
/// Keeps the gateway hearing what its listeners asked for, from backends of either generation. A 2026-07-28 backend is
/// held to a <c>subscriptions/listen</c> of the gateway's own: for its list changes when it announces them and has no
/// 2025 session that would (a change is listed again, as an announcement on a session is), and for the URIs listeners
/// asked for that it serves. A 2025-only backend is asked <c>resources/subscribe</c> on the gateway's session. What
/// the backends announce reaches the listeners through <see cref="ClientListeners"/>.
/// </summary>
internal sealed partial class BackendSubscriptions(BackendRegistry registry, ClientListeners listeners, ILogger<BackendSubscriptions> logger) : BackgroundService
{
    // Backends connect, reconnect and leave on their own; this is how soon such a change is followed without a signal.
    private static readonly TimeSpan Pass = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly Dictionary<Backend, BackendListen> _listens = [];
    private readonly Dictionary<Backend, SessionSubscriptions> _sessions = [];
    private readonly ConcurrentDictionary<Backend, Relisting> _relistings = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        registry.ListChanged += OnListChanged;
        registry.ResourceUpdated += OnResourceUpdated;
        listeners.SubscriptionsChanged += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ApplyAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // One pass failing must not end the service (and with it the host): the next pass tries again.
                    LogPassFailed(e);
                }

                await _changed.WaitAsync(Pass, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            registry.ListChanged -= OnListChanged;
            registry.ResourceUpdated -= OnResourceUpdated;
            listeners.SubscriptionsChanged -= Wake;
            foreach (var listen in _listens.Values)
            {
                await listen.DisposeAsync();
            }
        }
    }

    private void OnListChanged(string method)
    {
        listeners.AnnounceListChanged(method);
        // A backend listed for the first time may now own URIs some listener asked for.
        Wake();
    }

    private void OnResourceUpdated(JsonRpcNotification notification)
    {
        if (notification.Params?["uri"] is JsonValue value && value.TryGetValue<string>(out var uri))
        {
            listeners.AnnounceUpdated(uri);
        }
    }

    private void Wake()
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already due.
        }
    }

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var backends = registry.Backends;
        var wanted = WantedByBackend();
        foreach (var backend in backends)
        {
            if (backend.Connection.Features is not { } features)
            {
                continue;
            }

            var uris = wanted.GetValueOrDefault(backend) ?? [];
            if (features.SpeaksStateless)
            {
                await ListenAsync(backend, Filter(features, uris));
            }
            else if (Offers(features, "resources", "subscribe"))
            {
                if (!_sessions.TryGetValue(backend, out var session))
                {
                    _sessions[backend] = session = new SessionSubscriptions(backend);
                }

                await session.ApplyAsync(features, uris, cancellationToken);
            }
        }

        foreach (var gone in _listens.Keys.Except(backends).ToList())
        {
            await _listens[gone].DisposeAsync();
            _listens.Remove(gone);
        }

        foreach (var gone in _sessions.Keys.Except(backends).ToList())
        {
            _sessions.Remove(gone);
        }

        foreach (var gone in _relistings.Keys.Except(backends).ToList())
        {
            _relistings.TryRemove(gone, out _);
        }
    }

    /// <summary>The URIs listeners asked for, by the backend that serves each.</summary>
    private Dictionary<Backend, HashSet<string>> WantedByBackend()
    {
        var catalog = registry.Catalog;
        var wanted = new Dictionary<Backend, HashSet<string>>();
        foreach (var uri in listeners.SubscribedUris())
        {
            if (catalog.FindResource(uri) is { } owner)
            {
                if (!wanted.TryGetValue(owner, out var uris))
                {
                    wanted[owner] = uris = new HashSet<string>(StringComparer.Ordinal);
                }

                uris.Add(uri);
            }
        }

        return wanted;
    }

    /// <summary>What to ask a 2026-07-28 backend for, only what it declared it announces; null for nothing.</summary>
    private static JsonObject? Filter(BackendFeatures features, HashSet<string> uris)
    {
        // With a 2025 session the backend already announces its list changes on the session's GET stream.
        var lists = !features.SpeaksSessions;
        var filter = new ListenFilter(
            lists && Offers(features, "tools", "listChanged"),
            lists && Offers(features, "prompts", "listChanged"),
            lists && Offers(features, "resources", "listChanged"),
            Offers(features, "resources", "subscribe") ? [.. uris.Order(StringComparer.Ordinal)] : []);
        return filter.IsEmpty ? null : filter.ToJson();
    }

    private async Task ListenAsync(Backend backend, JsonObject? filter)
    {
        _listens.TryGetValue(backend, out var current);
        if (current?.Key == filter?.ToJsonString())
        {
            return;
        }

        if (filter is null)
        {
            _listens.Remove(backend);
            await current!.DisposeAsync();
            return;
        }

        var next = new BackendListen(backend, filter, HeardAsync, logger);
        _listens[backend] = next;
        if (current is not null)
        {
            // Closed once the new one is heard from, so that no update falls between the two.
            _ = next.Acknowledged.WaitAsync(backend.Options.ListTimeout)
                .ContinueWith(_ => current.DisposeAsync().AsTask(), TaskScheduler.Default).Unwrap();
        }
    }

    private ValueTask HeardAsync(Backend backend, JsonRpcNotification notification)
    {
        switch (notification.Method)
        {
            case NotificationMethods.ToolListChangedNotification or NotificationMethods.PromptListChangedNotification
                or NotificationMethods.ResourceListChangedNotification:
                Refresh(backend);
                break;
            case NotificationMethods.ResourceUpdatedNotification:
                OnResourceUpdated(notification);
                break;
        }

        return ValueTask.CompletedTask;
    }

    private void Refresh(Backend backend) =>
        _relistings.GetOrAdd(backend, static (owner, registry) => new Relisting(() => registry.RefreshAsync(owner, probe: false, CancellationToken.None)),
            registry).Request();

    private static bool Offers(BackendFeatures features, string capability, string feature) =>
        features.Capabilities?[capability]?[feature] is JsonValue value && value.TryGetValue<bool>(out var offered) && offered;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing at the backends for the gateway's listeners failed; tried again in a moment.")]
    private partial void LogPassFailed(Exception error);
}
