using EnterpriseMcp.Login;

namespace EnterpriseMcp.AppHost.Commands;

/// <summary>
/// The dashboard's "Token for bob" (and each other development user) on the gateway: the user logs in as an MCP client
/// would and the dashboard shows the access token, to paste into a client without OAuth (the Inspector's bearer token).
/// The same as the <c>token</c> command, without a second terminal.
/// </summary>
public static class DevelopmentTokenCommands
{
    public static string Name(string user) => $"development-token-{user}";

    public static void WithDevelopmentTokens(this IResourceBuilder<IResourceWithEndpoints> gateway,
        IResourceBuilder<IResourceWithEndpoints> identity, DevelopmentUsers users)
    {
        foreach (var user in users.All)
        {
            gateway.WithCommand(Name(user.Name), $"Token for {user.Name}", async context =>
            {
                var gatewayUrl = $"{gateway.Resource.GetEndpoint("http").Url}/mcp";
                try
                {
                    var token = await DevelopmentLogin.TokenAsync(identity.Resource.GetEndpoint("http").Url, user.Name, user.Password,
                        DevelopmentLogin.AllScopes, gatewayUrl, context.CancellationToken);
                    return CommandResults.Success($"{user.Name}'s access token for {gatewayUrl} (roles: {string.Join(", ", user.Roles)})", token);
                }
                catch (Exception error) when (error is HttpRequestException or InvalidOperationException)
                {
                    return CommandResults.Failure($"No token for {user.Name}: {error.Message}");
                }
            }, new CommandOptions
            {
                Description = $"Logs {user.Name} in as an MCP client would and shows the gateway access token.",
                IconName = "Key",
                UpdateState = context => context.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });
        }
    }
}
