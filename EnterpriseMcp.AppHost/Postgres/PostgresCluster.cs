using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EnterpriseMcp.AppHost.Postgres;

/// <summary>
/// A PostgreSQL cluster of the system's own in the data folder, run with Debian's server programs. PostgreSQL refuses
/// to run as root, so when the AppHost is root its programs run as the <c>postgres</c> user (setpriv), who owns the folder.
/// </summary>
public sealed class PostgresCluster(string folder, string programs, int port)
{
    private const string SetPriv = "/usr/bin/setpriv";

    public string Folder { get; } = folder;

    private string DataDirectory => Path.Combine(Folder, "cluster");

    /// <summary>
    /// The server's Unix socket lives here, in a folder only the cluster's owner may enter: that is what lets local
    /// connections in without a password (<c>--auth-local=trust</c>) while TCP asks for one.
    /// </summary>
    private string Sockets => Path.Combine(Folder, "run");

    private static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>
    /// What DCP runs: the server in the foreground, on 127.0.0.1 only, under a shell that turns DCP's stop signal
    /// (SIGTERM, then SIGKILL some seconds later) into SIGINT. SIGTERM is PostgreSQL's smart shutdown, which waits for
    /// every client to leave: with one connected (a psql left open), DCP killed the server, and the next start had
    /// to recover the cluster. SIGINT is the fast shutdown: clients are disconnected and the cluster is closed cleanly.
    /// </summary>
    public (string Program, string[] Arguments) Server()
    {
        var (program, arguments) = AsClusterOwner(Path.Combine(programs, "postgres"),
            ["-D", DataDirectory, "-p", $"{port}", "-k", Sockets, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_permissions=0700"]);
        return ("/bin/sh", ["-c", StopsFast, "postgres", program, .. arguments]);
    }

    /// <summary>
    /// Runs its arguments and waits for them; a signal to stop becomes SIGINT to the server. After the trap, the first
    /// wait returns at once, so it waits again until the server is gone, and exits with the server's own status.
    /// </summary>
    private const string StopsFast = """
        trap 'kill -INT "$server"' TERM INT
        "$@" &
        server=$!
        wait "$server"; status=$?
        while kill -0 "$server" 2>/dev/null; do wait "$server"; status=$?; done
        exit "$status"
        """;

    /// <summary>The superuser over the Unix socket; no pooling, so that no idle connection of the AppHost holds the server up at shutdown.</summary>
    public NpgsqlConnectionStringBuilder Superuser() =>
        new() { Host = Sockets, Port = port, Username = "postgres", Database = "postgres", Pooling = false, Timeout = 5 };

    /// <summary>Creates the cluster unless it is there. The superuser gets no password: it logs in only over the private socket.</summary>
    public async Task CreateUnlessPresentAsync(ILogger log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Sockets);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Sockets, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (RunningAsRoot)
        {
            await RunAsync(log, "chown", ["-R", "postgres:postgres", Folder], cancellationToken);
        }

        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return;
        }

        log.LogInformation("Creating a PostgreSQL cluster in {Folder}", DataDirectory);
        var (initdb, arguments) = AsClusterOwner(Path.Combine(programs, "initdb"),
            ["-D", DataDirectory, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);
        await RunAsync(log, initdb, arguments, cancellationToken);
    }

    private (string Program, string[] Arguments) AsClusterOwner(string program, string[] arguments) =>
        RunningAsRoot ? (SetPriv, ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", program, .. arguments]) : (program, arguments);

    private async Task RunAsync(ILogger log, string program, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        foreach (var line in (await output + await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            log.LogInformation("{Line}", line);
        }

        if (process.ExitCode != 0)
        {
            var name = Path.GetFileName(program == SetPriv ? arguments[4] : program);
            throw new InvalidOperationException($"{name} failed (exit code {process.ExitCode}). " + (RunningAsRoot
                ? $"PostgreSQL runs as the postgres user, who must reach {Folder}: every folder above it needs o+x (/root usually has not), or use --data elsewhere. Deleting {Folder} starts the database afresh."
                : $"Check that you can write {Folder}; deleting it starts the database afresh."));
        }
    }
}
