using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.ScaleOut;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

public static class McpEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves MCP over Streamable HTTP at <paramref name="pattern"/>: POST, GET and DELETE on one path. When the
    /// server validates tokens (<c>AddMcpResourceServer</c> with an authority), the path requires one and the
    /// protected resource metadata is served beside it.
    /// </summary>
    public static IEndpointConventionBuilder MapMcp(this IEndpointRouteBuilder endpoints, string pattern = "/mcp")
    {
        var services = endpoints.ServiceProvider;
        var post = services.GetRequiredService<McpPostHandler>();
        var get = services.GetRequiredService<McpGetHandler>();
        var delete = services.GetRequiredService<McpDeleteHandler>();

        var group = endpoints.MapGroup(pattern);
        group.MapPost("", StoreOutageGuard.Around(post.HandleAsync));
        group.MapGet("", StoreOutageGuard.Around(get.HandleAsync));
        group.MapDelete("", StoreOutageGuard.Around(delete.HandleAsync));

        if (services.GetService<BearerChallenges>() is { Options.ValidatesTokens: true } challenges)
        {
            group.RequireAuthorization(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser().Build());
            ProtectedResourceMetadataEndpoint.Map(endpoints, pattern, challenges);
        }

        return group;
    }
}
