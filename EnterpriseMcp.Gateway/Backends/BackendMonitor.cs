using System.Collections.Concurrent;
using EnterpriseMcp.Gateway.Configuration;
using EnterpriseMcp.Gateway.Credentials;
using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Gateway.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using ModelContextProtocol;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>
/// Keeps the registry current: applies the configuration at start and each change of the backends that
/// <see cref="GatewaySettingsMonitor"/> accepts (it logs and ignores an invalid one), lists each backend again every refresh interval, pings each
/// one that has answered nothing for its probe interval (a hung backend's pings time out and open its
/// circuit), and probes each open circuit's backend itself (<see cref="CircuitBreaker.TryStartProbe"/> says when).
/// </summary>
internal sealed partial class BackendMonitor(
    BackendRegistry registry,
    GatewaySettingsMonitor settings,
    IValidateOptions<GatewayOptions> validator,
    IOptions<GatewayIdentityOptions> identity,
    IOptions<McpAuthOptions> auth,
    TimeProvider time,
    ILogger<BackendMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<Backend, long> _listedAt = new();
    private readonly ConcurrentDictionary<Backend, Task> _busy = new();

    /// <summary>Fails the start with every configuration problem; then lists every backend once before serving.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var (options, problems) = Bind();
        if (options is null)
        {
            throw new OptionsValidationException(GatewayOptions.SectionName, typeof(GatewayOptions), problems);
        }

        var added = registry.Apply(options);
        // Bounded: a backend that is down at start-up must not keep the gateway from serving the others.
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(TimeSpan.FromSeconds(10) + options.StartupWait);
        // The backends' tokens come from the gateway's authorization server, which may be starting too.
        var authority = AuthorityUrl() is { } url && options.StartupWait > TimeSpan.Zero
            ? WaitListeningAsync("the authorization server", url, options.StartupWait, startup.Token)
            : Task.CompletedTask;
        await Task.WhenAll(added.Select(backend => ListAtStartAsync(backend, authority, options.StartupWait, startup.Token)));
        settings.Changed += Follow;
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        settings.Changed -= Follow;
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var interval = registry.Options.CatalogRefreshInterval;
            foreach (var backend in registry.Backends)
            {
                if (_busy.ContainsKey(backend))
                {
                    continue;
                }

                if (backend.Circuit.State == CircuitState.Open)
                {
                    if (backend.Circuit.TryStartProbe())
                    {
                        Start(backend, probe: true, stoppingToken);
                    }
                }
                else if (backend.Circuit.State == CircuitState.Closed &&
                         (backend.Catalog is null || time.GetElapsedTime(_listedAt.GetValueOrDefault(backend)) >= interval))
                {
                    Start(backend, probe: false, stoppingToken);
                }
                else if (backend.Circuit.State == CircuitState.Closed && backend.SinceAnswered >= backend.Options.ProbeInterval)
                {
                    Track(backend, PingAsync(backend, stoppingToken));
                }
            }
        }
    }

    private async Task ListAtStartAsync(Backend backend, Task authority, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait > TimeSpan.Zero)
        {
            await WaitListeningAsync($"Backend '{backend.Name}'", new Uri(backend.Options.Url!), wait, cancellationToken);
            await authority;
        }

        await RefreshAsync(backend, probe: false, cancellationToken);
    }

    private async Task WaitListeningAsync(string what, Uri url, TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            if (!await BackendListening.WithinAsync(url, wait, time, cancellationToken))
            {
                LogNotListening(what, wait.TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping, or start-up's bound reached: the listing below says so.
        }
    }

    /// <summary>Where the gateway gets its backends' tokens, when it has a client of its own.</summary>
    private Uri? AuthorityUrl()
    {
        var settings = identity.Value;
        var address = settings.HasClient ? settings.TokenEndpoint ?? settings.Authority ?? auth.Value.Authority : null;
        return Uri.TryCreate(address, UriKind.Absolute, out var url) ? url : null;
    }

    private void Start(Backend backend, bool probe, CancellationToken stoppingToken) =>
        Track(backend, RefreshAsync(backend, probe, stoppingToken));

    // One task per backend at a time: a backend that hangs gets one ping waiting on it, not one a tick.
    private void Track(Backend backend, Task work)
    {
        if (!work.IsCompleted)
        {
            _busy[backend] = work;
            work.ContinueWith(_ => _busy.TryRemove(backend, out Task? _), TaskScheduler.Default);
        }
    }

    private static async Task PingAsync(Backend backend, CancellationToken cancellationToken)
    {
        try
        {
            await backend.PingAsync(probe: false, cancellationToken);
        }
        catch (McpException)
        {
            // Counted by its circuit; /health says why.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RefreshAsync(Backend backend, bool probe, CancellationToken cancellationToken)
    {
        _listedAt[backend] = time.GetTimestamp();
        try
        {
            await registry.RefreshAsync(backend, probe, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping, or start-up's bound reached: the loop lists it later.
        }
    }

    private void Follow(GatewaySettings previous, GatewaySettings next)
    {
        if (next.Backends == previous.Backends)
        {
            return;
        }

        foreach (var backend in registry.Apply(next.Backends))
        {
            Start(backend, probe: false, CancellationToken.None);
        }

        foreach (var gone in _listedAt.Keys.Where(backend => !registry.Backends.Contains(backend)))
        {
            _listedAt.TryRemove(gone, out _);
        }
    }

    /// <summary>The backends as configured at start, or the problems that keep them from being used.</summary>
    private (GatewayOptions? Options, IEnumerable<string> Problems) Bind()
    {
        var options = settings.Current.Backends;
        var result = validator.Validate(Options.DefaultName, options);
        return result.Succeeded ? (options, []) : (null, result.Failures ?? [result.FailureMessage ?? "invalid"]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} did not accept connections within the start-up wait of {Seconds} s; the gateway lists the backends when they can be reached.")]
    private partial void LogNotListening(string what, double seconds);
}
