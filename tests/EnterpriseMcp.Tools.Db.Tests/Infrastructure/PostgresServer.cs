using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(EnterpriseMcp.Tools.Db.Tests.Infrastructure.PostgresServer))]

namespace EnterpriseMcp.Tools.Db.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL from the Debian package, in a temporary folder on a free loopback port, for the whole test
/// run. The server under test logs in as <see cref="AppRole"/>, a non-superuser, and reads as <see cref="ReadRole"/>,
/// set up as the README says; both may write the demo tables: what stops writes through <c>query</c> is the
/// read-only transaction, not a lack of grants.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string AppRole = "mcp_app";
    public const string ReadRole = "mcp_reader";

    private readonly string _folder = Directory.CreateTempSubdirectory("pg-tests-").FullName;
    private string _bin = "";
    private int _port;

    public string SuperuserConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Pooling=false";

    public string AppConnectionString => $"Host=127.0.0.1;Port={_port};Username={AppRole};Password=app-password;Database=postgres";

    /// <summary>The Db server's settings for this database: the app login and the read role.</summary>
    public Dictionary<string, string?> ServerSettings() => new()
    {
        ["ConnectionStrings:db"] = AppConnectionString,
        ["Db:ReadOnlyRole"] = ReadRole,
    };

    public async ValueTask InitializeAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(dir => Path.Combine(dir, "bin")).Where(Directory.Exists).Order().LastOrDefault() ?? ""
            : "";
        if (!File.Exists(Path.Combine(_bin, "postgres")))
        {
            throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres): apt-get install postgresql, or run ./test.sh, which does.");
        }

        _port = FreePort();
        if (Environment.UserName == "root")
        {
            // PostgreSQL refuses to run as root: the folder becomes the postgres user's.
            await RunAsync("chown", "postgres:postgres", _folder);
        }

        var data = Path.Combine(_folder, "data");
        await RunAsPostgresAsync(Path.Combine(_bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        await ExecuteAsync(Setup);
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

    private const string Setup = """
        CREATE ROLE mcp_app LOGIN PASSWORD 'app-password' NOSUPERUSER;
        CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, vip boolean NOT NULL DEFAULT false, joined date NOT NULL, notes jsonb, photo bytea);
        INSERT INTO customers (name, vip, joined, notes, photo) SELECT 'customer ' || i, i % 7 = 0, DATE '2026-01-01' + i, '{"tier": 1}', '\x0102' FROM generate_series(1, 500) AS i;
        CREATE SEQUENCE invoice_numbers;
        CREATE TABLE audit_log (id serial PRIMARY KEY, entry text NOT NULL);
        CREATE FUNCTION log_and_count() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit_log (entry) VALUES ('called'); RETURN (SELECT count(*) FROM audit_log); END $$;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO mcp_app;
        GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA public TO mcp_app;
        GRANT CREATE ON SCHEMA public TO mcp_app;
        CREATE ROLE mcp_reader NOLOGIN;
        GRANT mcp_reader TO mcp_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO mcp_reader;
        GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA public TO mcp_reader;
        REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) TO mcp_app;
        REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC
        """;

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
