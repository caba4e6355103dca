using EnterpriseMcp.Hosting.Authorization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace Microsoft.Extensions.Hosting;

public static class McpResourceServerExtensions
{
    /// <summary>
    /// Makes this MCP server an OAuth 2.1 resource server, configured from <c>Mcp:Auth</c>: bearer JWTs validated
    /// against the authority, <c>/mcp</c> closed to callers without one (401 pointing at the RFC 9728 metadata), and
    /// the scopes of each tool's <see cref="RequiresScopeAttribute"/>s enforced (tools/list hides, tools/call gets 403).
    /// Without an authority the server serves anonymous callers, and only on loopback.
    /// </summary>
    public static TBuilder AddMcpResourceServer<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<McpAuthOptions>().BindConfiguration(McpAuthOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<McpAuthOptions>, McpAuthOptionsValidator>());
        services.TryAddSingleton<BearerChallenges>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ValidatedTokenCache>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>());
        services.AddAuthorization();

        services.TryAddSingleton<LoopbackOnly>();
        services.AddSingleton<IStartupFilter>(sp => sp.GetRequiredService<LoopbackOnly>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<LoopbackOnly>());

        services.AddOptions<McpServerOptions>().Configure<IOptions<McpAuthOptions>>((server, auth) =>
        {
            if (auth.Value.ValidatesTokens)
            {
                server.Filters.Request.ListToolsFilters.Add(ScopedToolList.Filter);
            }
        });
        return builder;
    }
}
