using System.Text.Json;

namespace EnterpriseMcp.Hosting.Tools;

/// <summary>
/// Where the transport looks up a tool's input schema to check its <c>Mcp-Param-*</c> headers on
/// 2026-07-28. A server's own tools answer by default; a gateway answers for the tools it relays.
/// </summary>
public interface IMcpToolDirectory
{
    bool TryGetInputSchema(string toolName, out JsonElement inputSchema);
}
