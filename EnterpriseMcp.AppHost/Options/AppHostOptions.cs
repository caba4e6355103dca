namespace EnterpriseMcp.AppHost.Options;

/// <summary>
/// The AppHost's own options, taken off the command line before Aspire reads the rest (its own switches such as
/// <c>--publisher manifest --output-path DIR</c>, and configuration such as <c>--Parameters:gateway-client-secret=...</c>).
/// </summary>
public sealed record AppHostOptions(bool Postgres, bool Redis, bool Prometheus, int Replicas, string? DataFolder, ResourcePorts Ports, string[] AspireArguments)
{
    /// <summary>Each replica is a .NET process of its own on the developer's machine; a few show any state a replica keeps to itself.</summary>
    public const int MaxReplicas = 9;

    public const string Usage = """
        usage: dotnet run --project EnterpriseMcp.AppHost [-- OPTIONS]
               dotnet run --project EnterpriseMcp.AppHost -- token USER [--scope "S ..."] [--gateway URL]
          --postgres              the Db tool server on PostgreSQL (Debian's postgresql) instead of its embedded SQLite
          --replicas N            N gateways (1 to 9, default 1) sharing Redis, behind Debian's nginx on the gateway's port
          --no-redis              no Redis: the gateway keeps sessions, limits and circuits in its own memory (one replica)
          --no-prometheus         no Prometheus (Debian's prometheus) scraping the services' /metrics
          --data DIR              where keys, databases and the PostgreSQL cluster live (default EnterpriseMcp.AppHost/.data)
          --free-ports            every resource on a free port (a second system beside a running one; tests)
          --identity-port N, --gateway-port N, --db-port N, --jira-port N, --postgres-port N, --redis-port N,
          --prometheus-port N     one resource's port (defaults 5100, 5200, 5201, 5202, 5210, 5211, 5212)
          --publisher manifest --output-path DIR   writes the deployment manifest instead of running
        """;

    public static AppHostOptions Parse(string[] args)
    {
        var postgres = false;
        var redis = true;
        var prometheus = true;
        var replicas = 1;
        var freePorts = false;
        string? data = null;
        var chosen = new Dictionary<string, int>();
        var rest = new List<string>();
        for (var index = 0; index < args.Length; index++)
        {
            switch (args[index])
            {
                case "--postgres":
                    postgres = true;
                    break;
                case "--no-redis":
                    redis = false;
                    break;
                case "--no-prometheus":
                    prometheus = false;
                    break;
                case "--replicas":
                    var count = Value(args, ref index);
                    replicas = int.TryParse(count, out var number) && number is >= 1 and <= MaxReplicas
                        ? number
                        : throw new UsageException($"--replicas takes a number from 1 to {MaxReplicas}, not '{count}'.");
                    break;
                case "--free-ports":
                    freePorts = true;
                    break;
                case "--data":
                    data = Path.GetFullPath(Value(args, ref index));
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal) && option.EndsWith("-port", StringComparison.Ordinal)
                    && ResourcePorts.Names.Contains(option[2..^5]):
                    var text = Value(args, ref index);
                    chosen[option[2..^5]] = int.TryParse(text, out var port) && port is > 0 and < 65536
                        ? port
                        : throw new UsageException($"{option} takes a port number from 1 to 65535, not '{text}'.");
                    break;
                default:
                    rest.Add(args[index]);
                    break;
            }
        }

        if (replicas > 1 && !redis)
        {
            throw new UsageException("--replicas needs Redis: replicas share sessions, limits and circuits there. Leave out --no-redis.");
        }

        return new AppHostOptions(postgres, redis, prometheus, replicas, data, ResourcePorts.Choose(freePorts, chosen), [.. rest]);
    }

    public static string Value(string[] args, ref int index) =>
        index + 1 < args.Length && !args[index + 1].StartsWith("--", StringComparison.Ordinal)
            ? args[++index]
            : throw new UsageException($"{args[index]} needs a value.");
}

/// <summary>A command line the AppHost cannot run: said with its usage, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
