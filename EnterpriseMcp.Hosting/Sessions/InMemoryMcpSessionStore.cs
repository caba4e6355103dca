using System.Collections.Concurrent;
using EnterpriseMcp.Hosting.Configuration;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>Sessions of a single replica; expired entries are dropped when touched or swept.</summary>
internal sealed class InMemoryMcpSessionStore(IOptions<McpHttpOptions> options, TimeProvider time) : IMcpSessionStore
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly TimeSpan _idleTimeout = options.Value.IdleTimeout;

    public ValueTask CreateAsync(McpSessionRecord session, CancellationToken cancellationToken)
    {
        _sessions[session.Id] = new Entry(session, time.GetTimestamp());
        return ValueTask.CompletedTask;
    }

    public ValueTask<McpSessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(sessionId, out var entry))
        {
            return ValueTask.FromResult<McpSessionRecord?>(null);
        }

        if (IsExpired(entry))
        {
            _sessions.TryRemove(sessionId, out _);
            return ValueTask.FromResult<McpSessionRecord?>(null);
        }

        return ValueTask.FromResult<McpSessionRecord?>(entry.Session);
    }

    public ValueTask TouchAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(sessionId, out var entry) && !IsExpired(entry))
        {
            entry.LastUsed = time.GetTimestamp();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SetInitializeParamsAsync(string sessionId, InitializeRequestParams initializeParams, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(sessionId, out var entry))
        {
            entry.Session = entry.Session with { InitializeParams = initializeParams };
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveAsync(string sessionId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_sessions.TryRemove(sessionId, out _));

    /// <summary>Drops expired sessions so abandoned ones do not accumulate.</summary>
    public void RemoveExpired()
    {
        foreach (var (id, entry) in _sessions)
        {
            if (IsExpired(entry))
            {
                _sessions.TryRemove(id, out _);
            }
        }
    }

    private bool IsExpired(Entry entry) => time.GetElapsedTime(entry.LastUsed) > _idleTimeout;

    private sealed class Entry(McpSessionRecord session, long lastUsed)
    {
        public McpSessionRecord Session { get; set; } = session;

        public long LastUsed { get; set; } = lastUsed;
    }
}
