using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// An event store that replicas share, where a session's server-initiated messages are one stream whatever replica
/// writes them: a GET then follows that stream instead of this replica's server alone.
/// </summary>
internal interface ISharedSessionStreams
{
    /// <summary>
    /// Replays the stream after <paramref name="lastEventId"/> for a client of <paramref name="sessionId"/>, wherever the
    /// stream is held; null when there is none such.
    /// </summary>
    ValueTask<ISseEventStreamReader?> GetStreamReaderAsync(string lastEventId, string sessionId, CancellationToken cancellationToken);

    /// <summary>Reads the session's stream of server-initiated messages from its current end on.</summary>
    ValueTask<ISseEventStreamReader> FollowUnsolicitedAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Ends that stream, so GETs following it on any replica finish, when the session ends.</summary>
    ValueTask EndSessionAsync(string sessionId);

    /// <summary>Counts the session among those a notification for every listening session reaches, from now until it ends.</summary>
    ValueTask MarkListeningAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="notification"/> into the shared stream of every listening session that
    /// <paramref name="sessionFilter"/> admits (all when null), wherever its client is or will reconnect; returns how many.
    /// </summary>
    Task<int> NotifyListeningAsync(JsonRpcNotification notification, Func<string, bool>? sessionFilter, CancellationToken cancellationToken);
}
