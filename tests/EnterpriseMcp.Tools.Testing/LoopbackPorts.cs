using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EnterpriseMcp.Tools.Testing;

public static class LoopbackPorts
{
    /// <summary>A TCP port on 127.0.0.1 that nothing listens on now (the system picks it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits up to 5 s for <paramref name="server"/> to accept connections on the port; false if it did not, or exited.</summary>
    public static async Task<bool> WaitUntilListeningAsync(int port, Process server)
    {
        for (var attempt = 0; attempt < 100 && !server.HasExited; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }
}
