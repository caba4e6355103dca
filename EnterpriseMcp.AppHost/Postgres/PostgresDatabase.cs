using EnterpriseMcp.AppHost.Orchestration;
using EnterpriseMcp.AppHost.Resources;

namespace EnterpriseMcp.AppHost.Postgres;

/// <summary>
/// A PostgreSQL server of the system's own (Debian's programs, its cluster in the data folder, password logins on
/// 127.0.0.1 only): created on first start with a database of demo tables that the Db tool server reads as a
/// non-superuser through a read role, and started as the <c>postgres</c> user when the AppHost runs as root (PostgreSQL refuses root).
/// </summary>
public sealed class PostgresDatabase(string dataFolder, int port, DevelopmentSecrets secrets)
{
    public const string DatabaseName = "enterprise_mcp";
    private const string SetPriv = "/usr/bin/setpriv";
    private readonly string _programs = Prerequisites.PostgresPrograms();
    private readonly string _folder = Path.Combine(dataFolder, "postgres");

    private static bool RunningAsRoot => Environment.UserName == "root";

    private string Cluster => Path.Combine(_folder, "cluster");

    private string Sockets => Path.Combine(_folder, "run");

    /// <summary>The role the Db tool server reads as (<c>Db__ReadOnlyRole</c>).</summary>
    public const string ReadOnlyRole = ReadRole.Name;

    /// <summary>What the Db tool server connects with (<c>ConnectionStrings__db</c>).</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={port};Database={DatabaseName};Username={DevelopmentSecrets.PostgresApp};Password={secrets[DevelopmentSecrets.PostgresApp]}";

    /// <summary>Creates the cluster on first start; then the resource that runs it.</summary>
    public async Task<ResourceDefinition> PrepareAsync(Action<string, string> log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Sockets);
        if (!File.Exists(Path.Combine(Cluster, "PG_VERSION")))
        {
            log(ResourceNames.Postgres, $"[apphost] creating a PostgreSQL cluster in {Cluster}");
            await InitializeClusterAsync(cancellationToken);
        }

        var (program, arguments) = AsPostgresUser(Path.Combine(_programs, "postgres"),
            ["-D", Cluster, "-p", port.ToString(), "-k", Sockets, "-c", "listen_addresses=127.0.0.1"]);
        return new ResourceDefinition
        {
            Name = ResourceNames.Postgres,
            Program = program,
            Arguments = arguments,
            WorkingDirectory = _folder,
            Url = new Uri($"tcp://127.0.0.1:{port}"),
            // SIGINT is PostgreSQL's fast shutdown: SIGTERM would wait for every client to leave.
            StopSignal = ProcessSignals.SigInt,
            WhenReady = CreateDatabaseAsync,
        };
    }

    private async Task InitializeClusterAsync(CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(_folder, "superuser-password");
        await File.WriteAllTextAsync(passwordFile, secrets[DevelopmentSecrets.PostgresSuperuser], cancellationToken);
        try
        {
            if (RunningAsRoot)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", _folder], cancellationToken);
            }

            await RunAsPostgresAsync(Path.Combine(_programs, "initdb"),
                ["-D", Cluster, "-U", "postgres", "--auth=scram-sha-256", "--pwfile", passwordFile, "-E", "UTF8", "--no-sync"], cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>
    /// Once the server accepts connections: the app's role and the demo database, unless they exist; then the read role,
    /// also in a cluster made before there was one.
    /// </summary>
    private async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        await WaitUntilStartedAsync(cancellationToken);
        if ((await PsqlAsync("postgres", $"SELECT 1 FROM pg_database WHERE datname = '{DatabaseName}'", cancellationToken)).Trim() != "1")
        {
            await PsqlAsync("postgres", $"CREATE ROLE {DevelopmentSecrets.PostgresApp} LOGIN PASSWORD '{secrets[DevelopmentSecrets.PostgresApp]}'", cancellationToken);
            await PsqlAsync("postgres", $"CREATE DATABASE {DatabaseName}", cancellationToken);
            await PsqlAsync(DatabaseName, DemoTables.Script, cancellationToken);
        }

        await PsqlAsync(DatabaseName, ReadRole.Script(DevelopmentSecrets.PostgresApp), cancellationToken);
    }

    /// <summary>The port opens while PostgreSQL still replays or checks its cluster, and then it turns logins away.</summary>
    private async Task WaitUntilStartedAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PsqlAsync("postgres", "SELECT 1", cancellationToken);
                return;
            }
            catch (InvalidOperationException error) when (attempt < 120 && error.Message.Contains("starting up", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    private async Task<string> PsqlAsync(string database, string sql, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string> { ["PGPASSWORD"] = secrets[DevelopmentSecrets.PostgresSuperuser] };
        var (code, output) = await Prerequisites.RunAsync(Path.Combine(_programs, "psql"),
            ["-h", "127.0.0.1", "-p", port.ToString(), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql],
            null, cancellationToken, environment);
        return code == 0 ? output : throw new InvalidOperationException($"psql failed (exit code {code}): {output.Trim()}");
    }

    private (string Program, IReadOnlyList<string> Arguments) AsPostgresUser(string program, IReadOnlyList<string> arguments) =>
        RunningAsRoot
            ? (SetPriv, ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", program, .. arguments])
            : (program, arguments);

    private Task RunAsPostgresAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (file, args) = AsPostgresUser(program, arguments);
        return RunAsync(file, args, cancellationToken);
    }

    private async Task RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var (code, output) = await Prerequisites.RunAsync(program, arguments, _folder, cancellationToken);
        if (code != 0)
        {
            throw new PrerequisiteException($"{Path.GetFileName(program)} failed (exit code {code}): {output.Trim()}",
                RunningAsRoot
                    ? $"PostgreSQL runs as the postgres user, who must reach {_folder}: every folder above it needs o+x (/root usually has not), or use --data elsewhere. Deleting {_folder} starts the database afresh."
                    : $"Check that you can write {_folder}; deleting it starts the database afresh.");
        }
    }
}
