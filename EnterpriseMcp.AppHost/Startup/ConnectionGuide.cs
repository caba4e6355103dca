using EnterpriseMcp.Login;
using Microsoft.Extensions.Configuration;

namespace EnterpriseMcp.AppHost.Startup;

/// <summary>How to reach the running system from the clients people use, with this run's URLs filled in.</summary>
/// <param name="prometheus">Null when the run has none (<c>--no-prometheus</c>).</param>
public sealed class ConnectionGuide(IResourceBuilder<IResourceWithEndpoints> gateway, IResourceBuilder<IResourceWithEndpoints> identity,
    IResourceBuilder<IResourceWithEndpoints>? prometheus, string identityFolder)
{
    /// <summary>The guide's last line: the system is up (scripts wait for it).</summary>
    public const string LastLine = "Press Ctrl+C to stop everything.";

    public string Render(IConfiguration configuration)
    {
        var gatewayUrl = $"{gateway.Resource.GetEndpoint("http").Url}/mcp";
        var users = DevelopmentUsers.Load(Path.Combine(identityFolder, "identity.json")).All
            .Select(user => $"{user.Name} / {user.Password} ({string.Join(", ", user.Roles)})");
        var token = "dotnet run --project EnterpriseMcp.AppHost --no-build -- token bob" +
            (gatewayUrl == Token.TokenCommand.DefaultGateway ? "" : $" --gateway {gatewayUrl}");
        return $$"""

            EnterpriseMcp is running. Point an MCP client at the gateway; it discovers the identity server and logs in (OAuth 2.1).

              gateway (MCP)   {{gatewayUrl}}
              identity        {{identity.Resource.GetEndpoint("http").Url}}   users: {{string.Join(", ", users)}}
              dashboard       {{DashboardLogin(configuration)}}
              prometheus      {{(prometheus is null ? "(off)" : prometheus.Resource.GetEndpoint("http").Url)}}

              VS Code (.vscode/mcp.json):
                { "servers": { "enterprise-mcp": { "type": "http", "url": "{{gatewayUrl}}" } } }
              Claude Code:
                claude mcp add --transport http enterprise-mcp {{gatewayUrl}}
              MCP Inspector (CLI), with a token for bob:
                TOKEN=$({{token}})
                npx @modelcontextprotocol/inspector@1 --cli {{gatewayUrl}} --transport http --header "Authorization: Bearer $TOKEN" --method tools/list

            {{LastLine}}

            """;
    }

    /// <summary>The dashboard's login link: its first URL with the browser token Aspire made for this run.</summary>
    private static string DashboardLogin(IConfiguration configuration)
    {
        var url = (configuration["ASPNETCORE_URLS"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (url is null)
        {
            return "(off)";
        }

        return configuration["AppHost:BrowserToken"] is { Length: > 0 } browserToken
            ? $"{url.TrimEnd('/')}/login?t={browserToken}"
            : url;
    }
}
