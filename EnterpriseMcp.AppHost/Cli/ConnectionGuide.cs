using EnterpriseMcp.AppHost.Orchestration;

namespace EnterpriseMcp.AppHost.Cli;

/// <summary>How to reach the running system from the clients people use, with this run's URLs filled in.</summary>
public static class ConnectionGuide
{
    public static string Render(EnterpriseMcpSystem system, string? dataOption)
    {
        var gateway = system.GatewayUrl;
        var users = string.Join(", ", system.Users.All.Select(user => $"{user.Name} / {user.Password} ({string.Join(", ", user.Roles)})"));
        var token = $"dotnet run --project EnterpriseMcp.AppHost --no-build -- token bob{(dataOption is null ? "" : $" --data {dataOption}")}";
        return $$"""

            EnterpriseMcp is running. Point an MCP client at the gateway; it discovers the identity server and logs in (OAuth 2.1).

              gateway (MCP)   {{gateway}}
              identity        {{system.Issuer}}   users: {{users}}

              VS Code (.vscode/mcp.json):
                { "servers": { "enterprise-mcp": { "type": "http", "url": "{{gateway}}" } } }
              Claude Code:
                claude mcp add --transport http enterprise-mcp {{gateway}}
              MCP Inspector (CLI), with a token for bob:
                TOKEN=$({{token}})
                npx @modelcontextprotocol/inspector@1 --cli {{gateway}} --transport http --header "Authorization: Bearer $TOKEN" --method tools/list

            Press Ctrl+C to stop everything.

            """;
    }
}
