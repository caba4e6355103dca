using System.Net.Sockets;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>
/// Whether a backend's host accepts TCP connections on its port yet: the one thing a backend that is still starting
/// lacks. Asked only at the gateway's start (<see cref="Configuration.GatewayOptions.StartupWait"/>), so that a backend
/// started at the same moment is not counted as failing; nothing is sent, so the backend's circuit is not involved.
/// </summary>
internal static class BackendListening
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>True as soon as a connection to <paramref name="url"/>'s host and port opens; false when <paramref name="wait"/> is over first.</summary>
    public static async Task<bool> WithinAsync(Uri url, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attempt.CancelAfter(AttemptTimeout);
                try
                {
                    using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    await socket.ConnectAsync(url.Host, url.Port, attempt.Token);
                    return true;
                }
                catch (SocketException)
                {
                    // Refused (not listening yet) or unreachable: asked again below.
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // This attempt took too long; the next one may not.
                }
            }

            if (time.GetElapsedTime(started) + Retry >= wait)
            {
                return false;
            }

            await Task.Delay(Retry, time, cancellationToken);
        }
    }
}
