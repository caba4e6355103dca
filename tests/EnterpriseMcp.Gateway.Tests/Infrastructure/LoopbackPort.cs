using System.Net;
using System.Net.Sockets;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>Ports for servers whose address must be known before they start (their canonical URIs go into tokens).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
