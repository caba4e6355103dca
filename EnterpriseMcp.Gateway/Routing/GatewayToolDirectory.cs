using System.Text.Json;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Hosting.Tools;

namespace EnterpriseMcp.Gateway.Routing;

/// <summary>The relayed tools' schemas, so the transport checks a 2026 client's <c>Mcp-Param-*</c> headers as the backend would.</summary>
internal sealed class GatewayToolDirectory(BackendRegistry registry) : IMcpToolDirectory
{
    public bool TryGetInputSchema(string toolName, out JsonElement inputSchema)
    {
        if (registry.Catalog.TryFindTool(toolName, out var tool))
        {
            inputSchema = tool.Definition.InputSchema;
            return true;
        }

        inputSchema = default;
        return false;
    }
}
