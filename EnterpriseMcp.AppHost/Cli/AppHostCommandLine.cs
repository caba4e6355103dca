using EnterpriseMcp.AppHost.Orchestration;

namespace EnterpriseMcp.AppHost.Cli;

/// <summary>
/// <c>EnterpriseMcp.AppHost [options]</c> runs the system; <c>token USER</c> prints a token for a development user.
/// Exit codes: 0 stopped as asked, 1 a resource failed, 2 bad usage or a missing prerequisite, 130 interrupted while starting.
/// </summary>
public static class AppHostCommandLine
{
    public const string Usage = """
        Usage:
          dotnet run --project EnterpriseMcp.AppHost [-- OPTIONS]          runs the whole system until Ctrl+C
          dotnet run --project EnterpriseMcp.AppHost -- token USER [--scope "S ..."] [--data DIR]
                                                                            prints a gateway token for a development user
        Options:
          --data DIR            keys, databases and generated secrets (default: EnterpriseMcp.AppHost/.data)
          --postgres            the Db tool server on a PostgreSQL started in the data folder (Debian's postgresql)
          --free-ports          every resource on a free port instead of the defaults
          --identity-port N     default 5100;  --gateway-port N  default 5200;  --db-port N  default 5201;
          --jira-port N         default 5202;  --postgres-port N default 5210
          --start-timeout S     seconds each resource may take to become ready (default 90)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            if (args is ["--help" or "-h", ..])
            {
                Console.WriteLine(Usage);
                return 0;
            }

            return args is ["token", .. var rest]
                ? await TokenCommand.RunAsync(TokenCommand.Parse(rest))
                : await RunCommand.RunAsync(ParseRun(args));
        }
        catch (UsageException error)
        {
            Console.Error.WriteLine($"EnterpriseMcp.AppHost: {error.Message}\n\n{Usage}");
            return 2;
        }
    }

    public static SystemOptions ParseRun(string[] args)
    {
        var options = new SystemOptions();
        var ports = SystemOptions.DefaultPorts.ToDictionary();
        for (var index = 0; index < args.Length; index++)
        {
            var name = args[index];
            switch (name)
            {
                case "--data":
                    options = options with { DataFolder = Value(args, ref index) };
                    break;
                case "--postgres":
                    options = options with { Postgres = true };
                    break;
                case "--free-ports":
                    ports = SystemOptions.FreePorts.ToDictionary();
                    break;
                case "--start-timeout":
                    options = options with { StartTimeout = TimeSpan.FromSeconds(Number(name, Value(args, ref index), 1, 3600)) };
                    break;
                case var port when port.StartsWith("--", StringComparison.Ordinal) && port.EndsWith("-port", StringComparison.Ordinal)
                                   && ports.ContainsKey(port[2..^5]):
                    ports[port[2..^5]] = Number(name, Value(args, ref index), 1, 65535);
                    break;
                default:
                    throw new UsageException($"unknown option '{name}'.");
            }
        }

        return options with { Ports = ports };
    }

    public static string Value(string[] args, ref int index) =>
        ++index < args.Length && !args[index].StartsWith("--", StringComparison.Ordinal)
            ? args[index]
            : throw new UsageException($"{args[index - 1]} needs a value.");

    private static int Number(string option, string text, int least, int most) =>
        int.TryParse(text, out var number) && number >= least && number <= most
            ? number
            : throw new UsageException($"{option} takes a number from {least} to {most}, not '{text}'.");
}

public sealed class UsageException(string message) : Exception(message);
