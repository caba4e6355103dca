using System.Collections.Concurrent;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Tools;

/// <summary>
/// Checks a tools/call's arguments against the tool's input schema before the tool runs, and answers a mismatch as a
/// tool error naming each wrong argument (so that a model can correct its call), never as an unexplained failure.
/// </summary>
internal static class ToolArgumentFilter
{
    public static McpRequestFilter<CallToolRequestParams, CallToolResult> Create()
    {
        var rules = new ConcurrentDictionary<McpServerTool, ToolArgumentRules>(ReferenceEqualityComparer.Instance);
        return next => (context, cancellationToken) =>
        {
            if (FindTool(context) is not { } tool)
            {
                return next(context, cancellationToken);
            }

            var problems = rules.GetOrAdd(tool, ToolArgumentRules.For).Problems(context.Params?.Arguments);
            return problems is null
                ? next(context, cancellationToken)
                : ValueTask.FromResult(new CallToolResult
                {
                    IsError = true,
                    Content = [new TextContentBlock { Text = $"Invalid arguments for '{tool.ProtocolTool.Name}': {string.Join("; ", problems)}." }],
                });
        };
    }

    private static McpServerTool? FindTool(RequestContext<CallToolRequestParams> context) =>
        context.MatchedPrimitive as McpServerTool
        ?? (context.Params?.Name is { } name && context.Server.ServerOptions.ToolCollection is { } tools
            && tools.TryGetPrimitive(name, out var tool) ? tool : null);
}
