using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.Streams;
using EnterpriseMcp.Hosting.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>
/// Starts, finds and ends 2025-generation sessions. The store decides whether a session exists;
/// the live servers here are this replica's cache, rebuilt from the store when another replica
/// created the session. A store that tells of every change lets a session whose server runs here be served without
/// asking it for a short while (<see cref="IMcpSessionStore.TrustLiveSessionsFor"/>): a change heard from any replica
/// ends that trust, so the next request asks again.
/// </summary>
internal sealed partial class McpSessionManager
{
    private readonly IMcpSessionStore _store;
    private readonly ISseEventStreamStore _eventStreams;
    private readonly McpServerFactory _servers;
    private readonly TimeProvider _time;
    private readonly ILogger<McpSessionManager> _logger;
    private readonly int _maxSessionsPerUser;

    private readonly ConcurrentDictionary<string, McpLiveSession> _live = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _restoreLock = new(1, 1);
    private readonly bool _sharedStreams;

    // Changes heard, of any session: a lookup trusts its answer only if none was heard while it asked.
    private long _changesHeard;

    public McpSessionManager(IMcpSessionStore store, ISseEventStreamStore eventStreams, McpServerFactory servers,
        IOptions<McpHttpOptions> options, TimeProvider time, IMeterFactory meters, ILogger<McpSessionManager> logger)
    {
        _store = store;
        _eventStreams = eventStreams;
        _servers = servers;
        _time = time;
        _logger = logger;
        _maxSessionsPerUser = options.Value.MaxSessionsPerUser;
        _sharedStreams = eventStreams is ISharedSessionStreams;
        store.WatchChanges(Distrust);
        SessionMetrics.Observe(meters, this);
    }

    public int LiveCount => _live.Count;

    /// <summary>The session's server on this replica, if it runs here.</summary>
    public McpLiveSession? LiveOrNull(string sessionId) => _live.GetValueOrDefault(sessionId);

    public IEnumerable<McpLiveSession> Listening() => _live.Values.Where(session => session.HasGetStream);

    public async ValueTask<McpSessionLookup> StartAsync(string? userKey, CancellationToken cancellationToken)
    {
        var id = McpSessionId.New();
        if (!await _store.TryCreateAsync(new McpSessionRecord(id, userKey, _time.GetUtcNow()), _maxSessionsPerUser, cancellationToken))
        {
            LogUserAtSessionLimit(userKey ?? "anonymous", _maxSessionsPerUser);
            return new(McpSessionLookupStatus.UserAtSessionLimit);
        }

        return await LaunchAsync(id, userKey, initializeParams: null);
    }

    public async ValueTask<McpSessionLookup> FindAsync(string sessionId, string? userKey, CancellationToken cancellationToken)
    {
        if (_live.TryGetValue(sessionId, out var trusted) && trusted.IsTrusted && trusted.UserKey == userKey
            && trusted.TryBeginRequest(out var trustedLease))
        {
            return new(McpSessionLookupStatus.Found, trusted, trustedLease);
        }

        var heard = Volatile.Read(ref _changesHeard);
        var record = await _store.FindForAsync(sessionId, userKey, cancellationToken);
        if (record is null)
        {
            if (_live.TryRemove(sessionId, out var stale))
            {
                await stale.DisposeAsync();
            }

            return new(McpSessionLookupStatus.NotFound);
        }

        if (record.UserKey != userKey)
        {
            return new(McpSessionLookupStatus.OtherUser);
        }

        if (_live.TryGetValue(sessionId, out var live) && live.TryBeginRequest(out var lease))
        {
            return await FoundAsync(live, lease, record, heard, cancellationToken);
        }

        // Serialised so that concurrent first requests on this replica rebuild the session once.
        await _restoreLock.WaitAsync(cancellationToken);
        try
        {
            if (_live.TryGetValue(sessionId, out live))
            {
                if (live.TryBeginRequest(out lease))
                {
                    return await FoundAsync(live, lease, record, heard, cancellationToken);
                }

                // Hibernating under our feet: the sweeper disposes it; this request gets a fresh server.
                _live.TryRemove(new KeyValuePair<string, McpLiveSession>(sessionId, live));
            }

            var launched = await LaunchAsync(record.Id, record.UserKey, record.InitializeParams);
            return await FoundAsync(launched.Session!, launched.Lease, record, heard, cancellationToken);
        }
        finally
        {
            _restoreLock.Release();
        }
    }

    // Once initialized, a session's server writes what it sends unprompted to the shared stream, which GETs on every
    // replica follow; without a shared store, only a GET on this replica hears it.
    // Its log level follows the record too, which the client may have changed on another replica.
    // It is then trusted, unless a change was heard since the store was asked (heard: the count before).
    private async ValueTask<McpSessionLookup> FoundAsync(McpLiveSession live, McpLiveSession.RequestLease lease, McpSessionRecord record,
        long heard, CancellationToken cancellationToken)
    {
        if (_sharedStreams && live.StoresEvents)
        {
            live.WriteUnsolicitedToStore();
        }

        if (record.LogLevel is { } level)
        {
            await live.FollowLogLevelAsync(level, cancellationToken);
        }

        live.Vouch(_store.TrustLiveSessionsFor, () => Volatile.Read(ref _changesHeard) == heard);
        return new(McpSessionLookupStatus.Found, live, lease);
    }

    // Counted before the session is distrusted, so that a lookup whose answer predates the change never trusts it.
    private void Distrust(string? sessionId)
    {
        Interlocked.Increment(ref _changesHeard);
        if (sessionId is null)
        {
            foreach (var live in _live.Values)
            {
                live.Distrust();
            }
        }
        else if (_live.TryGetValue(sessionId, out var live))
        {
            live.Distrust();
        }
    }

    public async ValueTask<bool> EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        var existed = await _store.RemoveAsync(sessionId, cancellationToken);
        if (_eventStreams is ISharedSessionStreams shared)
        {
            // Ends the GETs following the session on other replicas too.
            await shared.EndSessionAsync(sessionId);
        }

        if (_live.TryRemove(sessionId, out var live))
        {
            await live.DisposeAsync();
        }

        return existed;
    }

    /// <summary>
    /// Ends sessions nobody has used for the idle timeout, and keeps the store from expiring those
    /// still busy here (a long tool call, an open GET stream).
    /// </summary>
    public async Task EndIdleAsync(TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        foreach (var (id, live) in _live)
        {
            if (live.IsBusy)
            {
                await _store.TouchAsync(id, cancellationToken);
            }
            else if (live.IsIdleLongerThan(idleTimeout))
            {
                await EndIdleAsync(id, live, cancellationToken);
            }
        }
    }

    // Idle here is not idle everywhere when replicas share the store: a record still there was used on another replica
    // within the idle timeout (the store expires it otherwise), so only this replica's server goes.
    private async Task EndIdleAsync(string id, McpLiveSession live, CancellationToken cancellationToken)
    {
        if (_store.IsShared && await _store.GetAsync(id, cancellationToken) is not null)
        {
            if (_live.TryRemove(new KeyValuePair<string, McpLiveSession>(id, live)))
            {
                await live.DisposeAsync(sessionEnded: false);
            }

            return;
        }

        await EndAsync(id, cancellationToken);
    }

    /// <summary>
    /// Unloads the servers of sessions idle for <paramref name="idleFor"/>: the session lives on in the store,
    /// and its next request rebuilds the server, as on a replica that never served it. An idle session then
    /// costs its stored record, not a running server.
    /// </summary>
    public async Task HibernateIdleAsync(TimeSpan idleFor)
    {
        List<Task>? unloading = null;
        foreach (var (id, live) in _live)
        {
            if (live.TryHibernate(idleFor))
            {
                _live.TryRemove(new KeyValuePair<string, McpLiveSession>(id, live));
                // Together, not one by one: each waits on its server loop, and thousands may go in one sweep.
                (unloading ??= []).Add(live.DisposeAsync(sessionEnded: false).AsTask());
            }
        }

        await Task.WhenAll(unloading ?? []);
    }

    public async Task EndAllAsync()
    {
        foreach (var id in _live.Keys)
        {
            if (_live.TryRemove(id, out var live))
            {
                await live.DisposeAsync();
            }
        }
    }

    private async ValueTask<McpSessionLookup> LaunchAsync(string id, string? userKey, InitializeRequestParams? initializeParams)
    {
        var transport = new StreamableHttpServerTransport(_servers.LoggerFactory)
        {
            SessionId = id,
            EventStreamStore = _eventStreams,
            // Handlers then run in the request's async flow: its user, activity and current operation.
            FlowExecutionContextFromRequests = true,
            OnSessionInitialized = (parameters, ct) => _store.SetInitializeParamsAsync(id, parameters, ct),
        };

        if (initializeParams is not null)
        {
            // Restores the negotiated version, which decides e.g. whether SSE priming events are sent.
            await transport.HandleInitializeRequestAsync(initializeParams);
        }

        var session = new McpLiveSession(id, userKey, transport, _servers.CreateForSession(transport, initializeParams), _time)
        {
            RestoredVersion = initializeParams?.ProtocolVersion,
        };
        // Counted in before anyone else can see it, so that it cannot hibernate before its first request runs.
        session.TryBeginRequest(out var lease);
        _live[id] = session;
        session.Start();
        return new(McpSessionLookupStatus.Found, session, lease);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "A session for {UserKey} was refused: the user already holds {Limit} open sessions (Mcp:Http:MaxSessionsPerUser).")]
    private partial void LogUserAtSessionLimit(string userKey, int limit);
}
