using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Tools;

/// <summary>The tools of the server's own tool collection.</summary>
internal sealed class ServerToolDirectory(IOptions<McpServerOptions> options) : IMcpToolDirectory
{
    public bool TryGetInputSchema(string toolName, out JsonElement inputSchema)
    {
        if (options.Value.ToolCollection is { } tools && tools.TryGetPrimitive(toolName, out var tool))
        {
            inputSchema = tool.ProtocolTool.InputSchema;
            return true;
        }

        inputSchema = default;
        return false;
    }
}
