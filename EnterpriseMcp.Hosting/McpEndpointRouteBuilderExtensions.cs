using EnterpriseMcp.Hosting.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

public static class McpEndpointRouteBuilderExtensions
{
    /// <summary>Serves MCP over Streamable HTTP at <paramref name="pattern"/>: POST, GET and DELETE on one path.</summary>
    public static IEndpointConventionBuilder MapMcp(this IEndpointRouteBuilder endpoints, string pattern = "/mcp")
    {
        var services = endpoints.ServiceProvider;
        var post = services.GetRequiredService<McpPostHandler>();
        var get = services.GetRequiredService<McpGetHandler>();
        var delete = services.GetRequiredService<McpDeleteHandler>();

        var group = endpoints.MapGroup(pattern);
        group.MapPost("", post.HandleAsync);
        group.MapGet("", get.HandleAsync);
        group.MapDelete("", delete.HandleAsync);
        return group;
    }
}
