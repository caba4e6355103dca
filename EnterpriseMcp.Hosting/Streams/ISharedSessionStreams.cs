using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// An event store that replicas share, where a session's server-initiated messages are one stream whatever replica
/// writes them: a GET then follows that stream instead of this replica's server alone.
/// </summary>
internal interface ISharedSessionStreams
{
    /// <summary>Reads the session's stream of server-initiated messages from its current end on.</summary>
    ValueTask<ISseEventStreamReader> FollowUnsolicitedAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Ends that stream, so GETs following it on any replica finish, when the session ends.</summary>
    ValueTask EndSessionAsync(string sessionId);
}
