using System.Reflection;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Tools;

/// <summary>The SDK tools of a class's public static <c>[McpServerTool]</c> methods.</summary>
public static class AttributedTools
{
    /// <summary>
    /// With <paramref name="services"/>, parameters of registered service types are injected from the request's services
    /// instead of being read from the call's arguments.
    /// </summary>
    public static IEnumerable<McpServerTool> From(Type type, IServiceProvider? services = null) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(method => method.IsDefined(typeof(McpServerToolAttribute)))
            .Select(method => McpServerTool.Create(method, target: null, new McpServerToolCreateOptions { Services = services }));
}
