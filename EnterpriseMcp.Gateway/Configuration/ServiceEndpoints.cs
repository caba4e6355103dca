using Microsoft.Extensions.Configuration;

namespace EnterpriseMcp.Gateway.Configuration;

/// <summary>
/// Aspire's service-discovery keys (<c>services:{name}:https:0</c>, <c>services:{name}:http:0</c>: a base URL) give a
/// backend without <c>Url</c> its MCP endpoint, <c>{base}/mcp</c>, so an orchestrator (the AppHost, Aspire) wires the
/// gateway to its tool servers the way it wires any other service.
/// </summary>
internal static class ServiceEndpoints
{
    public const string McpPath = "/mcp";

    public static void FillMissingUrls(GatewayOptions options, IConfiguration configuration)
    {
        foreach (var (name, backend) in options.Backends)
        {
            if (!string.IsNullOrWhiteSpace(backend.Url))
            {
                continue;
            }

            var baseUrl = configuration[$"services:{name}:https:0"] ?? configuration[$"services:{name}:http:0"];
            if (!string.IsNullOrWhiteSpace(baseUrl))
            {
                backend.Url = baseUrl.TrimEnd('/') + McpPath;
            }
        }
    }
}
