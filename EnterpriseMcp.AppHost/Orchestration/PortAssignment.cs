using System.Net;
using System.Net.Sockets;

namespace EnterpriseMcp.AppHost.Orchestration;

/// <summary>The port of each resource: the asked one when it is free (every port in use is reported at once), or a free one for 0.</summary>
public static class PortAssignment
{
    public static IReadOnlyDictionary<string, int> Assign(IEnumerable<string> resources, IReadOnlyDictionary<string, int> asked)
    {
        var ports = new Dictionary<string, int>();
        var taken = new List<string>();
        foreach (var resource in resources)
        {
            var port = asked.TryGetValue(resource, out var wanted) ? wanted : 0;
            if (port == 0)
            {
                ports[resource] = FreePort();
            }
            else if (IsFree(port))
            {
                ports[resource] = port;
            }
            else
            {
                taken.Add($"{port} ({resource})");
            }
        }

        if (taken.Count > 0)
        {
            var first = taken[0].Split(' ')[0];
            throw new PrerequisiteException(
                $"port{(taken.Count > 1 ? "s" : "")} {string.Join(", ", taken)} on 127.0.0.1 {(taken.Count > 1 ? "are" : "is")} in use by another program.",
                $"Stop that program (`ss -ltnp 'sport = :{first}'` shows which; it may be an AppHost already running), " +
                "or choose other ports: --<resource>-port N for one, or --free-ports for all.");
        }

        return ports;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
