using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>
/// The source of truth for which sessions exist. A session missing here is ended, wherever its
/// server may still be cached; each use extends its idle lifetime.
/// </summary>
public interface IMcpSessionStore
{
    /// <summary>
    /// Creates the session unless its user already has <paramref name="maxSessionsPerUser"/> open ones (sessions without a
    /// user count as one user); false then. The count belongs here, with the sessions, so that it holds across replicas
    /// and every way a session ends frees its slot; the check and the creation are one step, so concurrent
    /// initializes cannot overshoot.
    /// </summary>
    ValueTask<bool> TryCreateAsync(McpSessionRecord session, int maxSessionsPerUser, CancellationToken cancellationToken);

    /// <summary>The session; null when it ended or expired.</summary>
    ValueTask<McpSessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// The session, with its idle clock restarted when <paramref name="userKey"/> owns it (someone else's refused
    /// requests must not keep it alive); null when it ended or expired. A store may do both in one step.
    /// </summary>
    async ValueTask<McpSessionRecord?> FindForAsync(string sessionId, string? userKey, CancellationToken cancellationToken)
    {
        var record = await GetAsync(sessionId, cancellationToken);
        if (record is not null && record.UserKey == userKey)
        {
            await TouchAsync(sessionId, cancellationToken);
        }

        return record;
    }

    /// <summary>Restarts the session's idle clock: its owner used it, or it is busy on some replica.</summary>
    ValueTask TouchAsync(string sessionId, CancellationToken cancellationToken);

    ValueTask SetInitializeParamsAsync(string sessionId, InitializeRequestParams initializeParams, CancellationToken cancellationToken);

    ValueTask SetLogLevelAsync(string sessionId, LoggingLevel level, CancellationToken cancellationToken);

    /// <summary>
    /// Replicas share the store: a session idle on one may be in use on another, and expires in the store alone.
    /// </summary>
    bool IsShared => false;

    /// <summary>
    /// How long a replica may serve a session whose server runs on it without asking the store again; zero (the default)
    /// asks on every request. Only a store that tells of every change to a session (<see cref="WatchChanges"/>) allows
    /// more, and only while it is sure it hears them.
    /// </summary>
    TimeSpan TrustLiveSessionsFor => TimeSpan.Zero;

    /// <summary>
    /// Calls <paramref name="changed"/> with a session's id whenever its record changes or it ends, on any replica; with
    /// null when changes may have gone unheard (the store's connection failed).
    /// </summary>
    void WatchChanges(Action<string?> changed)
    {
    }

    /// <summary>Ends the session; false when it did not exist.</summary>
    ValueTask<bool> RemoveAsync(string sessionId, CancellationToken cancellationToken);
}
