using EnterpriseMcp.Hosting.Protocol;

namespace EnterpriseMcp.Gateway.Configuration;

/// <summary>What <c>Gateway:Backends:{name}:ProtocolVersion</c> may say: <c>auto</c>, or one revision to always use.</summary>
public static class BackendProtocol
{
    public const string Auto = "auto";

    public static readonly string[] Supported =
        [Auto, McpProtocolVersion.July2026, McpProtocolVersion.November2025, McpProtocolVersion.June2025, McpProtocolVersion.March2025];
}
