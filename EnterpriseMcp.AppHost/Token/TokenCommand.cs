using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.AppHost.Options;
using EnterpriseMcp.Login;

namespace EnterpriseMcp.AppHost.Token;

/// <summary>
/// <c>token USER [--scope "S ..."] [--gateway URL]</c>: logs a development user in to the running system, as an MCP
/// client would (the identity server found through the gateway's protected-resource metadata, RFC 9728; the password
/// from the identity file), and prints the gateway access token alone on standard output, for clients without OAuth.
/// </summary>
public static class TokenCommand
{
    public static readonly string DefaultGateway = $"http://localhost:{ResourcePorts.Documented.Gateway}/mcp";

    public static async Task<int> RunAsync(string[] args, string identityFile)
    {
        string? user = null, scope = null, gateway = null;
        for (var index = 0; index < args.Length; index++)
        {
            switch (args[index])
            {
                case "--scope":
                    scope = AppHostOptions.Value(args, ref index);
                    break;
                case "--gateway":
                    gateway = AppHostOptions.Value(args, ref index);
                    break;
                case var name when !name.StartsWith("--", StringComparison.Ordinal) && user is null:
                    user = name;
                    break;
                default:
                    throw new UsageException($"token: unexpected '{args[index]}'.");
            }
        }

        var users = DevelopmentUsers.Load(identityFile);
        if (user is null)
        {
            throw new UsageException($"token needs a user: {string.Join(", ", users.All.Select(known => known.Name))}.");
        }

        string password;
        try
        {
            password = users.Password(user);
        }
        catch (ArgumentException error)
        {
            throw new UsageException(error.Message);
        }

        gateway ??= DefaultGateway;
        try
        {
            var issuer = await IssuerOfAsync(gateway);
            Console.WriteLine(await DevelopmentLogin.TokenAsync(issuer, user, password, scope ?? DevelopmentLogin.AllScopes, gateway));
            return 0;
        }
        catch (Exception error) when (error is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            Console.Error.WriteLine($"EnterpriseMcp.AppHost: no token for {user} from the gateway {gateway}: {error.Message}\n" +
                "  what to do: start the system with `dotnet run --project EnterpriseMcp.AppHost` (or name its gateway with --gateway URL), then ask again.");
            return 1;
        }
    }

    /// <summary>The authorization server a gateway names in its protected-resource metadata (RFC 9728 §3.1: path inserted after the host).</summary>
    private static async Task<string> IssuerOfAsync(string gateway)
    {
        var resource = new Uri(gateway);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var metadata = await http.GetFromJsonAsync<JsonObject>(new Uri(resource, "/.well-known/oauth-protected-resource" + resource.AbsolutePath.TrimEnd('/')));
        return metadata?["authorization_servers"]?[0]?.GetValue<string>()
            ?? throw new InvalidOperationException("its protected-resource metadata names no authorization server (is its authentication off?)");
    }
}
