using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>
/// Tools that make the server announce a list change, by adding a primitive and taking it away
/// again: listeners are notified and the list ends as it began.
/// </summary>
internal static class ListChangeTools
{
    private static readonly McpServerTool s_transientTool = McpServerTool.Create(
        () => "transient", new McpServerToolCreateOptions { Name = "test_transient_tool", Description = "Exists only for a moment." });

    private static readonly McpServerPrompt s_transientPrompt = McpServerPrompt.Create(
        () => "transient", new McpServerPromptCreateOptions { Name = "test_transient_prompt", Description = "Exists only for a moment." });

    [McpServerTool(Name = "test_trigger_tool_change")]
    [Description("Makes the server announce that its tool list changed.")]
    public static string TriggerToolChange(RequestContext<CallToolRequestParams> context)
    {
        Flicker(context.Server.ServerOptions.ToolCollection, s_transientTool);
        return "The tool list changed.";
    }

    [McpServerTool(Name = "test_trigger_prompt_change")]
    [Description("Makes the server announce that its prompt list changed.")]
    public static string TriggerPromptChange(RequestContext<CallToolRequestParams> context)
    {
        Flicker(context.Server.ServerOptions.PromptCollection, s_transientPrompt);
        return "The prompt list changed.";
    }

    private static void Flicker<T>(McpServerPrimitiveCollection<T>? collection, T primitive)
        where T : IMcpServerPrimitive
    {
        if (collection is null)
        {
            throw new McpException("This server has no such list to change.");
        }

        collection.TryAdd(primitive);
        collection.Remove(primitive);
    }
}
