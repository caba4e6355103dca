using System.Diagnostics;
using Npgsql;

namespace EnterpriseMcp.Tools.Testing;

/// <summary>
/// A real PostgreSQL from the Debian package, in a temporary folder on a free loopback port (no fsync: test data), for
/// a test run. The superuser <c>postgres</c> logs in without a password on 127.0.0.1 only; <paramref name="setup"/> runs
/// once it is up (statements separated by <c>;</c> and a line break).
/// </summary>
public sealed class PostgresCluster(string setup = "") : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pg-tests-").FullName;
    private string _bin = "";

    public int Port { get; private set; }

    public string SuperuserConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public async Task StartAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(dir => Path.Combine(dir, "bin")).Where(Directory.Exists).Order().LastOrDefault() ?? ""
            : "";
        if (!File.Exists(Path.Combine(_bin, "postgres")))
        {
            throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres): apt-get install postgresql, or run ./test.sh, which does.");
        }

        Port = LoopbackPorts.Free();
        if (Environment.UserName == "root")
        {
            // PostgreSQL refuses to run as root: the folder becomes the postgres user's.
            await RunAsync("chown", "postgres:postgres", _folder);
        }

        var data = Path.Combine(_folder, "data");
        await RunAsPostgresAsync(Path.Combine(_bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        if (setup.Length > 0)
        {
            await ExecuteAsync(setup);
        }
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlBatch(connection);
        foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            command.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        }

        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task RunAsPostgresAsync(string file, params string[] arguments) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", file, .. arguments]) : RunAsync(file, arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await errors}{await output}");
        }
    }
}
