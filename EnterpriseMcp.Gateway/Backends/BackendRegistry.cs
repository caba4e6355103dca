using System.Text.Json;
using EnterpriseMcp.Gateway.Configuration;
using EnterpriseMcp.Gateway.Credentials;
using EnterpriseMcp.Gateway.Federation;
using EnterpriseMcp.Gateway.Resilience;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>
/// The configured backends and the merged catalog of those available. A new configuration replaces
/// the set at once (backends whose settings did not change keep their connection); every change of
/// what is offered rebuilds the catalog and tells listening clients that their lists changed.
/// </summary>
internal sealed partial class BackendRegistry(ILoggerFactory loggers, GatewayMetrics metrics, TimeProvider time, BackendTokens tokens) : IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<BackendRegistry>();
    private readonly Lock _gate = new();
    private IReadOnlyList<Backend> _backends = [];
    private FederatedCatalog _catalog = FederatedCatalog.Empty;
    private GatewayOptions _options = new();

    public IReadOnlyList<Backend> Backends => Volatile.Read(ref _backends);

    public FederatedCatalog Catalog => Volatile.Read(ref _catalog);

    public GatewayOptions Options => Volatile.Read(ref _options);

    /// <summary>Replaces the backend set; returns the backends that are new (to be listed).</summary>
    public IReadOnlyList<Backend> Apply(GatewayOptions options)
    {
        List<Backend> added = [], removed = [];
        lock (_gate)
        {
            var current = _backends.ToDictionary(backend => backend.Name, StringComparer.Ordinal);
            var next = new List<Backend>();
            foreach (var (name, settings) in options.Backends)
            {
                var prefix = ToolNaming.PrefixOf(name, settings);
                if (current.Remove(name, out var kept) && kept.Prefix == prefix && SameSettings(kept.Options, settings))
                {
                    next.Add(kept);
                    continue;
                }

                if (kept is not null)
                {
                    removed.Add(kept);
                }

                var backend = new Backend(name, prefix, settings,
                    new BackendConnection(name, settings, loggers.CreateLogger<BackendConnection>(), tokens), metrics, time);
                backend.Circuit.Changed += state => OnCircuitChanged(backend, state);
                backend.Circuit.Observed += state => CircuitObserved?.Invoke(backend, state);
                backend.Connection.Announced += OnAnnouncedAsync;
                next.Add(backend);
                added.Add(backend);
            }

            removed.AddRange(current.Values);
            Volatile.Write(ref _options, options);
            Volatile.Write(ref _backends, next);
        }

        ReportNames(options);
        LogApplied(options.Backends.Count, added.Count, removed.Count);
        Rebuild();
        foreach (var gone in removed)
        {
            _ = gone.DisposeAsync().AsTask();
        }

        return added;
    }

    /// <summary>
    /// Fetches a backend's lists again; a failure counts against its circuit and keeps the old lists. A probe of an open
    /// circuit pings the backend first, so that a handshake remembered from before the outage cannot pass for an answer.
    /// </summary>
    public async Task RefreshAsync(Backend backend, bool probe, CancellationToken cancellationToken)
    {
        try
        {
            if (probe)
            {
                await backend.PingAsync(probe: true, cancellationToken);
            }

            backend.SetCatalog(await CatalogLoader.LoadAsync(backend, probe, cancellationToken));
            backend.IsNewFailure(null);
            ReportToolNames(backend);
        }
        catch (McpException e)
        {
            // Once per reason: a backend that stays down is retried for as long as it is configured.
            if (backend.IsNewFailure(e.Message))
            {
                LogRefreshFailed(backend.Name, e.Message);
            }
        }

        Rebuild();
    }

    public void Rebuild()
    {
        FederatedCatalog before, after;
        lock (_gate)
        {
            before = _catalog;
            after = new FederatedCatalog(_backends, _options.Separator);
            Volatile.Write(ref _catalog, after);
        }

        foreach (var collision in after.Collisions.Except(before.Collisions))
        {
            LogCollision(collision);
        }

        Announce(before.Tools, after.Tools, NotificationMethods.ToolListChangedNotification);
        Announce(before.Prompts, after.Prompts, NotificationMethods.PromptListChangedNotification);
        Announce(before.Resources, after.Resources, NotificationMethods.ResourceListChangedNotification);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in Backends)
        {
            await backend.DisposeAsync();
        }
    }

    private void OnCircuitChanged(Backend backend, CircuitState state)
    {
        LogCircuit(backend.Name, state, state == CircuitState.Open ? backend.Failure : null);
        Rebuild();
    }

    private async Task OnAnnouncedAsync(BackendConnection connection, JsonRpcNotification notification)
    {
        if (Backends.FirstOrDefault(backend => backend.Connection == connection) is not { } backend)
        {
            return;
        }

        if (notification.Method is NotificationMethods.ToolListChangedNotification or NotificationMethods.PromptListChangedNotification
            or NotificationMethods.ResourceListChangedNotification)
        {
            await RefreshAsync(backend, probe: false, CancellationToken.None);
        }
        else if (notification.Method == NotificationMethods.ResourceUpdatedNotification)
        {
            ResourceUpdated?.Invoke(notification);
        }
    }

    /// <summary>A backend said a resource changed; the subscriptions decide who hears of it.</summary>
    public event Action<JsonRpcNotification>? ResourceUpdated;

    /// <summary>This replica's own calls or probes opened or closed a backend's circuit (not another replica's word).</summary>
    public event Action<Backend, CircuitState>? CircuitObserved;

    /// <summary>What the clients may list changed: the notification method that says so.</summary>
    public event Action<string>? ListChanged;

    private void Announce<T>(IReadOnlyList<T> before, IReadOnlyList<T> after, string method)
    {
        if (ReferenceEquals(before, after) || Fingerprint(before) == Fingerprint(after))
        {
            return;
        }

        ListChanged?.Invoke(method);
    }

    private static string Fingerprint<T>(IReadOnlyList<T> items) =>
        JsonSerializer.Serialize(items, McpJsonUtilities.DefaultOptions);

    private static bool SameSettings(BackendOptions a, BackendOptions b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);

    private void ReportNames(GatewayOptions options)
    {
        foreach (var (name, settings) in options.Backends)
        {
            var sample = ToolNaming.Expose(ToolNaming.PrefixOf(name, settings), options.Separator, "x");
            if (!ToolNaming.IsPortableName(sample))
            {
                LogNotPortable($"Gateway:Backends:{name}", sample);
            }
        }
    }

    private void ReportToolNames(Backend backend)
    {
        var separator = Options.Separator;
        foreach (var tool in backend.Catalog?.Tools ?? [])
        {
            var exposed = ToolNaming.Expose(backend.Prefix, separator, tool.Name);
            if (!ToolNaming.IsPortableName(exposed))
            {
                LogToolNotPortable(backend.Name, exposed);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backends configured: {Count} ({Added} new, {Removed} removed).")]
    private partial void LogApplied(int count, int added, int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Key}: exposed names such as '{Example}' do not match ^[a-zA-Z0-9_-]{{1,64}}$, which model APIs require; check Gateway:Separator and the prefix.")]
    private partial void LogNotPortable(string key, string example);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backend '{Backend}': the exposed tool name '{Name}' does not match ^[a-zA-Z0-9_-]{{1,64}}$; some model APIs will refuse it.")]
    private partial void LogToolNotPortable(string backend, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not exposed, its name is taken: {Collision}. Give one of the backends another Prefix.")]
    private partial void LogCollision(string collision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backend '{Backend}': listing its tools, prompts and resources failed: {Reason}")]
    private partial void LogRefreshFailed(string backend, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backend '{Backend}': circuit {State}. {Reason}")]
    private partial void LogCircuit(string backend, CircuitState state, string? reason);
}
