using System.Reflection;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture;

/// <summary>Turns the attributed static methods of a fixture class into SDK primitives.</summary>
internal static class AttributedPrimitives
{
    public static IEnumerable<McpServerTool> Tools(Type type) =>
        StaticMethods<McpServerToolAttribute>(type).Select(method => McpServerTool.Create(method, target: null));

    public static IEnumerable<McpServerResource> Resources(Type type) =>
        StaticMethods<McpServerResourceAttribute>(type).Select(method => McpServerResource.Create(method, target: null));

    public static IEnumerable<McpServerPrompt> Prompts(Type type) =>
        StaticMethods<McpServerPromptAttribute>(type).Select(method => McpServerPrompt.Create(method, target: null));

    private static IEnumerable<MethodInfo> StaticMethods<TAttribute>(Type type)
        where TAttribute : Attribute =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(method => method.IsDefined(typeof(TAttribute)));
}
