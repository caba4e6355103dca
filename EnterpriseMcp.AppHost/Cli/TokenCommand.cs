using EnterpriseMcp.AppHost.Login;
using EnterpriseMcp.AppHost.Orchestration;

namespace EnterpriseMcp.AppHost.Cli;

/// <summary>
/// <c>token USER</c>: logs a development user in to the running system (as an MCP client would, password from the
/// identity file) and prints the gateway access token alone on standard output, for clients without OAuth support.
/// </summary>
public static class TokenCommand
{
    public sealed record Options(string User, string? Scope, string? DataFolder);

    public static Options Parse(string[] args)
    {
        string? user = null, scope = null, data = null;
        for (var index = 0; index < args.Length; index++)
        {
            switch (args[index])
            {
                case "--scope":
                    scope = AppHostCommandLine.Value(args, ref index);
                    break;
                case "--data":
                    data = AppHostCommandLine.Value(args, ref index);
                    break;
                case var name when !name.StartsWith("--", StringComparison.Ordinal) && user is null:
                    user = name;
                    break;
                default:
                    throw new UsageException($"token: unexpected '{args[index]}'.");
            }
        }

        return new Options(user ?? throw new UsageException("token needs a user: alice, bob or carol."), scope, data);
    }

    public static async Task<int> RunAsync(Options options)
    {
        var layout = SystemLayout.Find();
        var dataFolder = Path.GetFullPath(options.DataFolder ?? layout.DefaultDataFolder);
        var users = DevelopmentUsers.Load(Path.Combine(layout.ProjectFolder("EnterpriseMcp.Identity"), "identity.json"));
        if (SystemStateFile.Read(dataFolder) is not { } state)
        {
            Console.Error.WriteLine($"EnterpriseMcp.AppHost: the system is not running (no {SystemStateFile.PathIn(dataFolder)}).\n" +
                "  what to do: start it with `dotnet run --project EnterpriseMcp.AppHost` (with the same --data, if any), then ask again.");
            return 1;
        }

        try
        {
            var password = users.Password(options.User);
            Console.WriteLine(await DevelopmentLogin.TokenAsync(state.Issuer, options.User, password, options.Scope ?? DevelopmentLogin.AllScopes, state.GatewayUrl));
            return 0;
        }
        catch (ArgumentException error)
        {
            throw new UsageException(error.Message);
        }
        catch (Exception error) when (error is HttpRequestException or InvalidOperationException)
        {
            Console.Error.WriteLine($"EnterpriseMcp.AppHost: no token for {options.User}: {error.Message}\n" +
                $"  what to do: check that the AppHost is still running (its identity server at {state.Issuer}).");
            return 1;
        }
    }
}
