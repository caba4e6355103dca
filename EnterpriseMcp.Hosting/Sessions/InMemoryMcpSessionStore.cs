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

    // Each user's session ids, changed only under its own lock so that a count and the change after it agree.
    private readonly Dictionary<string, HashSet<string>> _byUser = new(StringComparer.Ordinal);

    public ValueTask<bool> TryCreateAsync(McpSessionRecord session, int maxSessionsPerUser, CancellationToken cancellationToken)
    {
        lock (_byUser)
        {
            var owned = OwnedBy(session.UserKey);
            if (owned.Count >= maxSessionsPerUser)
            {
                // Sessions past their idle timeout that no sweep has reached yet are not open any more.
                foreach (var id in owned.ToList())
                {
                    if (_sessions.TryGetValue(id, out var entry) && IsExpired(entry))
                    {
                        Forget(id);
                    }
                }

                // Looked up again: forgetting a user's last session drops its set.
                owned = OwnedBy(session.UserKey);
                if (owned.Count >= maxSessionsPerUser)
                {
                    return ValueTask.FromResult(false);
                }
            }

            _sessions[session.Id] = new Entry(session, time.GetTimestamp());
            owned.Add(session.Id);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<McpSessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(sessionId, out var entry))
        {
            return ValueTask.FromResult<McpSessionRecord?>(null);
        }

        if (IsExpired(entry))
        {
            Remove(sessionId);
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

    public ValueTask SetLogLevelAsync(string sessionId, LoggingLevel level, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(sessionId, out var entry))
        {
            entry.Session = entry.Session with { LogLevel = level };
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveAsync(string sessionId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Remove(sessionId));

    /// <summary>Drops expired sessions so abandoned ones do not accumulate.</summary>
    public void RemoveExpired()
    {
        foreach (var (id, entry) in _sessions)
        {
            if (IsExpired(entry))
            {
                Remove(id);
            }
        }
    }

    private bool IsExpired(Entry entry) => time.GetElapsedTime(entry.LastUsed) > _idleTimeout;

    private bool Remove(string sessionId)
    {
        lock (_byUser)
        {
            return Forget(sessionId);
        }
    }

    // Called under the lock on _byUser.
    private bool Forget(string sessionId)
    {
        if (!_sessions.TryRemove(sessionId, out var entry))
        {
            return false;
        }

        var userKey = UserKeyOf(entry.Session.UserKey);
        if (_byUser.TryGetValue(userKey, out var owned) && owned.Remove(sessionId) && owned.Count == 0)
        {
            _byUser.Remove(userKey);
        }

        return true;
    }

    private HashSet<string> OwnedBy(string? userKey)
    {
        var key = UserKeyOf(userKey);
        if (!_byUser.TryGetValue(key, out var owned))
        {
            owned = new HashSet<string>(StringComparer.Ordinal);
            _byUser[key] = owned;
        }

        return owned;
    }

    // A user key always holds '|' (issuer|subject), so the empty string cannot collide with a real user.
    private static string UserKeyOf(string? userKey) => userKey ?? "";

    private sealed class Entry(McpSessionRecord session, long lastUsed)
    {
        public McpSessionRecord Session { get; set; } = session;

        public long LastUsed { get; set; } = lastUsed;
    }
}
