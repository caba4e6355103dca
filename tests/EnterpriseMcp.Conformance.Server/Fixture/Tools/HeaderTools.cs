using System.ComponentModel;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>
/// A tool with a parameter mirrored into an <c>Mcp-Param-Region</c> header (x-mcp-header, SEP-2243),
/// so gateways can route on it and the server can check header and body agree.
/// </summary>
internal static class HeaderTools
{
    [McpServerTool(Name = "test_header_tool", ReadOnly = true)]
    [Description("Runs a query in a region; the region travels in the Mcp-Param-Region header as well as the body.")]
    public static string RunInRegion(
        [McpHeader("Region"), Description("The deployment region")] string region,
        [Description("The query to run")] string query) =>
        $"Executed in region {region}: {query}";
}
