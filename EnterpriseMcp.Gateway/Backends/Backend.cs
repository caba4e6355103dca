using System.Diagnostics;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Configuration;
using EnterpriseMcp.Gateway.Federation;
using EnterpriseMcp.Gateway.Resilience;
using EnterpriseMcp.Gateway.Telemetry;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>
/// One configured backend: its connection, its circuit, and the last catalog it listed. Every call
/// to it goes through <see cref="SendAsync"/>, so the circuit sees every outcome.
/// </summary>
internal sealed class Backend(string name, string prefix, BackendOptions options, BackendConnection connection, GatewayMetrics metrics,
    TimeProvider time)
    : IAsyncDisposable
{
    private static readonly BackendCall GatewayCall = new(BackendGeneration.Stateless);
    private BackendCatalog? _catalog;
    private string? _failure;
    private string? _reported;
    private long _answeredAt;

    public string Name => name;

    public string Prefix => prefix;

    public BackendOptions Options => options;

    public BackendConnection Connection => connection;

    public CircuitBreaker Circuit { get; } = new(options, time);

    /// <summary>What it listed last; null until the first listing succeeds.</summary>
    public BackendCatalog? Catalog => Volatile.Read(ref _catalog);

    public bool IsAvailable => Circuit.AllowsCalls && Catalog is not null;

    /// <summary>How long since it last answered anything.</summary>
    public TimeSpan SinceAnswered => time.GetElapsedTime(Volatile.Read(ref _answeredAt));

    /// <summary>Why the last call that did not reach it failed; null once it answers again.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    /// <summary>True when <paramref name="failure"/> (null: none) differs from the last one reported, so each reason is logged once.</summary>
    public bool IsNewFailure(string? failure) => Interlocked.Exchange(ref _reported, failure) != failure && failure is not null;

    public void SetCatalog(BackendCatalog catalog) => Volatile.Write(ref _catalog, catalog);

    /// <param name="probe">A recovery probe goes out while the circuit is half-open; nothing else does.</param>
    public Task<JsonNode> SendAsync(string method, JsonNode? parameters, BackendCall call, CancellationToken cancellationToken,
        bool probe = false) =>
        GuardAsync(method, parameters, probe, () => connection.SendRequestAsync(method, parameters, call, cancellationToken));

    /// <summary>MCP <c>ping</c>: whether the backend answers at all.</summary>
    public Task<JsonNode> PingAsync(bool probe, CancellationToken cancellationToken) =>
        SendAsync(RequestMethods.Ping, null, GatewayCall, cancellationToken, probe);

    /// <summary>The handshake, counted by the circuit like any call.</summary>
    public Task<BackendFeatures> ConnectAsync(bool probe, CancellationToken cancellationToken) =>
        GuardAsync("connect", null, probe, () => connection.ConnectAsync(cancellationToken));

    private async Task<T> GuardAsync<T>(string method, JsonNode? parameters, bool probe, Func<Task<T>> call)
    {
        using var span = BackendSpans.Start(name, method, parameters, Circuit.State);
        if (!probe && !Circuit.AllowsCalls)
        {
            Ended(span, method, "circuit_open", 0);
            throw UnavailableError();
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call();
            Answered();
            Ended(span, method, null, started);
            return result;
        }
        catch (BackendUnavailableException e)
        {
            Volatile.Write(ref _failure, e.Reason);
            Circuit.RecordFailure();
            Ended(span, method, "unavailable", started);
            throw Unavailable(e.Reason);
        }
        catch (McpProtocolException e)
        {
            // The backend answered, with an error: it is up.
            Answered();
            Ended(span, method, ((int)e.ErrorCode).ToString(System.Globalization.CultureInfo.InvariantCulture), started);
            throw;
        }
    }

    /// <param name="started">When the call went out; 0 when it did not.</param>
    private void Ended(Activity? span, string method, string? errorType, long started)
    {
        metrics.RecordCall(name, method, errorType, started == 0 ? 0 : Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (errorType is not null)
        {
            BackendSpans.Failed(span, errorType);
        }
    }

    private void Answered()
    {
        Volatile.Write(ref _answeredAt, time.GetTimestamp());
        Volatile.Write(ref _failure, null);
        Circuit.RecordSuccess();
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    /// <summary>What a caller is told while the backend cannot be called.</summary>
    public McpProtocolException UnavailableError() => Circuit.AllowsCalls
        ? Unavailable("it has not listed its tools yet; the gateway keeps trying.")
        : Unavailable($"its circuit is open after repeated failures; the gateway probes it again in {Math.Ceiling(Circuit.RetryAfter.TotalSeconds)} s.");

    private McpProtocolException Unavailable(string reason) =>
        new($"Backend '{name}' is unavailable: {reason}", McpErrorCode.InternalError);
}
