using System.Net;
using System.Net.Sockets;

namespace EnterpriseMcp.AppHost.Options;

/// <summary>
/// The port of each resource: the documented ones by default (clients are configured with them once, and a service's
/// canonical URI, the audience of its tokens, contains its port), any of them chosen on the command line, or all free.
/// </summary>
public sealed record ResourcePorts(int Identity, int Gateway, int Db, int Jira, int Postgres, int Redis, int Prometheus)
{
    public static readonly ResourcePorts Documented = new(5100, 5200, 5201, 5202, 5210, 5211, 5212);

    public static readonly IReadOnlySet<string> Names = new HashSet<string> { "identity", "gateway", "db", "jira", "postgres", "redis", "prometheus" };

    public IEnumerable<(string Resource, int Port)> All =>
        [("identity", Identity), ("gateway", Gateway), ("db", Db), ("jira", Jira), ("postgres", Postgres), ("redis", Redis), ("prometheus", Prometheus)];

    public static ResourcePorts Choose(bool free, IReadOnlyDictionary<string, int> chosen)
    {
        int Port(string name, int documented) => chosen.TryGetValue(name, out var port) ? port : free ? FreePort() : documented;
        return new ResourcePorts(Port("identity", Documented.Identity), Port("gateway", Documented.Gateway),
            Port("db", Documented.Db), Port("jira", Documented.Jira), Port("postgres", Documented.Postgres), Port("redis", Documented.Redis),
            Port("prometheus", Documented.Prometheus));
    }

    /// <summary>
    /// <paramref name="count"/> different ports nothing listens on now: the kernel may hand out a port again once its
    /// listener is closed, so each is held until all are picked.
    /// </summary>
    public static IReadOnlyList<int> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Dispose());
        }
    }

    /// <summary>A port nothing listens on now, as the system binds it (127.0.0.1), picked by the kernel.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
