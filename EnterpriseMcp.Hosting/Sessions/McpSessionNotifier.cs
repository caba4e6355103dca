using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.ScaleOut;
using EnterpriseMcp.Hosting.Streams;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>
/// Sends a notification to every listening session. On one replica: the sessions whose client holds a GET stream open
/// here, the only ones that can hear a message not tied to a request (a hibernated session has none). With a shared
/// store: every session a GET has followed on any replica, into its shared stream, so that a client reconnecting
/// anywhere hears it; a notification for every session is sent by one replica only (the elected one), since every
/// replica sees the same change.
/// </summary>
public sealed class McpSessionNotifier
{
    private readonly McpSessionManager _sessions;
    private readonly ISharedSessionStreams? _shared;
    private readonly SharedNotifierLeadership? _leadership;

    internal McpSessionNotifier(McpSessionManager sessions, ISharedSessionStreams? shared = null, SharedNotifierLeadership? leadership = null)
    {
        _sessions = sessions;
        _shared = shared;
        _leadership = leadership;
        if (leadership is not null)
        {
            leadership.BecameLeader += () => BroadcastsTakenOver?.Invoke();
        }
    }

    /// <summary>
    /// Raised when this replica takes over sending notifications for every session (shared store): what may have
    /// changed while no replica sent them should be announced again.
    /// </summary>
    public event Action? BroadcastsTakenOver;

    /// <returns>How many sessions it was sent to.</returns>
    /// <param name="sessionFilter">Which session ids get it; every listening session when null.</param>
    public async Task<int> NotifyListeningSessionsAsync(string method, JsonNode? parameters = null,
        Func<string, bool>? sessionFilter = null, CancellationToken cancellationToken = default)
    {
        if (_shared is not null)
        {
            if (sessionFilter is null && _leadership?.IsLeader != true)
            {
                return 0;
            }

            try
            {
                return await _shared.NotifyListeningAsync(new JsonRpcNotification { Method = method, Params = parameters?.DeepClone() },
                    sessionFilter, cancellationToken);
            }
            catch (McpStoreUnavailableException)
            {
                // Redis away: nobody can be reached now (health says so); clients relist when they reconnect.
                return 0;
            }
        }

        var sent = 0;
        foreach (var session in _sessions.Listening())
        {
            if (sessionFilter is not null && !sessionFilter(session.Id))
            {
                continue;
            }

            try
            {
                await session.Server.SendMessageAsync(
                    new JsonRpcNotification { Method = method, Params = parameters?.DeepClone() }, cancellationToken);
                sent++;
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or IOException)
            {
                // The session ended or its stream closed while we were sending: nobody is left to hear it.
            }
        }

        return sent;
    }
}
