using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Protocol;
using EnterpriseMcp.Hosting.Telemetry;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>
/// A session's server running on this replica: a cache of what the session store says exists.
/// Counts requests in flight (an open GET stream included) so idle expiry never ends a busy session,
/// and hibernation never unloads one.
/// </summary>
internal sealed class McpLiveSession(string id, string? userKey, StreamableHttpServerTransport transport,
    McpServer server, TimeProvider time) : IAsyncDisposable
{
    private readonly TimeProvider _time = time;
    private readonly long _started = time.GetTimestamp();

    // Never disposed: requests racing the session's end may still link to its token.
    private readonly CancellationTokenSource _stopping = new();
    private readonly GetStreamRelay _getStream = new();
    private Task _running = Task.CompletedTask;
    private Task? _getStreamPump;
    // Far below zero once hibernated, so that a request racing the unload sees a negative count and looks again.
    private const int HibernatedMark = int.MinValue / 2;

    private int _activeRequests;
    private int _followers;
    private int _replayedLevel = -1;
    private long _lastUsed = time.GetTimestamp();
    private readonly Lock _trustGate = new();
    private long _trustedUntil;
    private int _disposed;

    public string Id => id;

    public string? UserKey => userKey;

    public StreamableHttpServerTransport Transport => transport;

    public McpServer Server => server;

    /// <summary>A GET on this replica hears the session's server-initiated messages: attached here, or following the shared stream.</summary>
    public bool HasGetStream => _getStream.IsAttached || Volatile.Read(ref _followers) > 0;

    public bool IsBusy => Volatile.Read(ref _activeRequests) > 0;

    public bool IsIdleLongerThan(TimeSpan timeout) =>
        Volatile.Read(ref _activeRequests) == 0 && _time.GetElapsedTime(Volatile.Read(ref _lastUsed)) > timeout;

    /// <summary>Ends with the session, so that an open GET stream does too.</summary>
    public CancellationToken Ending => _stopping.Token;

    /// <summary>
    /// Makes <paramref name="response"/> the session's GET stream until <see cref="DetachGetStream"/>;
    /// false while another GET holds it.
    /// </summary>
    public async ValueTask<bool> TryAttachGetStreamAsync(Stream response, CancellationToken cancellationToken)
    {
        if (!await _getStream.TryAttachAsync(response, cancellationToken))
        {
            return false;
        }

        // The transport accepts one GET per session, so it gets the relay, once, for the session's life.
        lock (_getStream)
        {
            _getStreamPump ??= transport.HandleGetRequestAsync(_getStream, _stopping.Token);
        }

        return true;
    }

    public void DetachGetStream(Stream response) => _getStream.Detach(response);

    /// <summary>
    /// With a shared event store: counts in the one GET of this replica that follows the session's shared stream, and
    /// starts writing this server's messages to that stream; false while another GET follows it here.
    /// </summary>
    public bool TryBeginFollowing()
    {
        if (Interlocked.CompareExchange(ref _followers, 1, 0) != 0)
        {
            return false;
        }

        WriteUnsolicitedToStore();
        return true;
    }

    /// <summary>The session negotiated a revision whose events the SDK keeps in the store (2025-11-25 and later).</summary>
    public bool StoresEvents =>
        string.CompareOrdinal(server.NegotiatedProtocolVersion ?? RestoredVersion, McpProtocolVersion.November2025) >= 0;

    /// <summary>The version of a session rebuilt from its record, whose server never saw the initialize itself.</summary>
    public string? RestoredVersion { get; init; }

    /// <summary>
    /// With a shared event store: sends this server's server-initiated messages to the session's shared stream from now
    /// on, whether or not a GET is open here (the transport drops them while it has no GET stream), so that a GET on any
    /// replica hears them. The relay stays detached: the messages reach clients through the store.
    /// </summary>
    public void WriteUnsolicitedToStore()
    {
        if (Volatile.Read(ref _getStreamPump) is not null)
        {
            return;
        }

        lock (_getStream)
        {
            _getStreamPump ??= transport.HandleGetRequestAsync(_getStream, _stopping.Token);
        }
    }

    public void EndFollowing() => Volatile.Write(ref _followers, 0);

    /// <summary>
    /// Gives this server the log level its client set on another replica (or before the server was rebuilt): the
    /// client's logging/setLevel is replayed into it, as the SDK lets nothing else set the level.
    /// </summary>
    public async ValueTask FollowLogLevelAsync(LoggingLevel level, CancellationToken cancellationToken)
    {
        // Replayed once per level: a server that refuses it (no logging) must not be asked again on every request.
        if (server.LoggingLevel == level || Interlocked.Exchange(ref _replayedLevel, (int)level) == (int)level)
        {
            return;
        }

        await transport.HandlePostRequestAsync(new JsonRpcRequest
        {
            Id = new RequestId($"replayed-log-level-{Guid.NewGuid():N}"),
            Method = RequestMethods.LoggingSetLevel,
            Params = new JsonObject { ["level"] = JsonSerializer.SerializeToNode(level, McpJsonUtilities.DefaultOptions) },
        }, Stream.Null, cancellationToken);
    }

    /// <summary>Whether a request may be served without asking the store (<see cref="Vouch"/>).</summary>
    public bool IsTrusted => _time.GetTimestamp() < Volatile.Read(ref _trustedUntil);

    /// <summary>
    /// Trusts the session for <paramref name="period"/>, the store having just said it exists as this replica knows it,
    /// unless <paramref name="unchangedSince"/> says a change was heard meanwhile.
    /// </summary>
    public void Vouch(TimeSpan period, Func<bool> unchangedSince)
    {
        if (period <= TimeSpan.Zero)
        {
            return;
        }

        // Under the lock Distrust takes: a change heard after the check resets what is set here.
        lock (_trustGate)
        {
            if (unchangedSince())
            {
                Volatile.Write(ref _trustedUntil, _time.GetTimestamp() + (long)(period.TotalSeconds * _time.TimestampFrequency));
            }
        }
    }

    /// <summary>The session's record changed somewhere: its next request asks the store again.</summary>
    public void Distrust()
    {
        lock (_trustGate)
        {
            Volatile.Write(ref _trustedUntil, 0);
        }
    }

    public void Start() => _running = server.RunAsync(_stopping.Token);

    /// <summary>Counts a request in; false when the session was hibernated meanwhile (find it again).</summary>
    public bool TryBeginRequest(out RequestLease lease)
    {
        if (Interlocked.Increment(ref _activeRequests) < 0)
        {
            Interlocked.Decrement(ref _activeRequests);
            lease = default;
            return false;
        }

        Volatile.Write(ref _lastUsed, _time.GetTimestamp());
        lease = new RequestLease(this);
        return true;
    }

    /// <summary>
    /// Claims an idle session for unloading: nothing in flight, no GET stream, unused for <paramref name="idleFor"/>,
    /// and no state the stored record could not rebuild (a log level the client set).
    /// </summary>
    public bool TryHibernate(TimeSpan idleFor) =>
#pragma warning disable MCP9005 // Deprecated from 2026-07-28, but 2025 sessions still set a level, which a rebuilt server would forget.
        server.LoggingLevel is null
#pragma warning restore MCP9005
        && _time.GetElapsedTime(Volatile.Read(ref _lastUsed)) > idleFor
        && Interlocked.CompareExchange(ref _activeRequests, HibernatedMark, 0) == 0;

    public ValueTask DisposeAsync() => DisposeAsync(sessionEnded: true);

    /// <summary>Stops this replica's server; <paramref name="sessionEnded"/> is false when only hibernating.</summary>
    public async ValueTask DisposeAsync(bool sessionEnded)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await transport.DisposeAsync();
        await EndedAsync(_running);
        await EndedAsync(Volatile.Read(ref _getStreamPump));
        await server.DisposeAsync();
        if (!sessionEnded)
        {
            return;
        }

        McpServerTelemetry.SessionDuration.Record(_time.GetElapsedTime(_started).TotalSeconds,
            new KeyValuePair<string, object?>("network.transport", "tcp"));
    }

    private static async Task EndedAsync(Task? task)
    {
        try
        {
            await (task ?? Task.CompletedTask);
        }
        catch (OperationCanceledException)
        {
            // Ending a session cancels its server loop and GET pump; that is the expected way out.
        }
    }

    internal readonly struct RequestLease(McpLiveSession session) : IDisposable
    {
        public void Dispose()
        {
            if (session is null)
            {
                return;
            }

            Volatile.Write(ref session._lastUsed, session._time.GetTimestamp());
            Interlocked.Decrement(ref session._activeRequests);
        }
    }
}
