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

    /// <summary>Restarts the session's idle clock: its owner used it, or it is busy on some replica.</summary>
    ValueTask TouchAsync(string sessionId, CancellationToken cancellationToken);

    ValueTask SetInitializeParamsAsync(string sessionId, InitializeRequestParams initializeParams, CancellationToken cancellationToken);

    ValueTask SetLogLevelAsync(string sessionId, LoggingLevel level, CancellationToken cancellationToken);

    /// <summary>Ends the session; false when it did not exist.</summary>
    ValueTask<bool> RemoveAsync(string sessionId, CancellationToken cancellationToken);
}
