using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>
/// Sends a notification to every session on this replica whose client holds a GET stream open: the
/// only sessions that can hear a message not tied to a request (a hibernated session has none).
/// </summary>
public sealed class McpSessionNotifier
{
    private readonly McpSessionManager _sessions;

    internal McpSessionNotifier(McpSessionManager sessions) => _sessions = sessions;

    /// <returns>How many sessions it was sent to.</returns>
    /// <param name="sessionFilter">Which session ids get it; every listening session when null.</param>
    public async Task<int> NotifyListeningSessionsAsync(string method, JsonNode? parameters = null,
        Func<string, bool>? sessionFilter = null, CancellationToken cancellationToken = default)
    {
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
