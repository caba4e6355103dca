namespace EnterpriseMcp.Hosting.Protocol;

/// <summary>The protocol revisions this endpoint serves, and what each generation allows.</summary>
public static class McpProtocolVersion
{
    public const string November2024 = "2024-11-05";
    public const string March2025 = "2025-03-26";
    public const string June2025 = "2025-06-18";
    public const string November2025 = "2025-11-25";
    public const string July2026 = "2026-07-28";

    /// <summary>Assumed when a 2025-generation client sends no MCP-Protocol-Version header (spec, 2025-06-18).</summary>
    public const string DefaultWhenHeaderMissing = March2025;

    public static IReadOnlyList<string> Supported { get; } = [July2026, November2025, June2025, March2025, November2024];

    public static IReadOnlyList<string> StatelessGeneration { get; } = [July2026];

    public static bool IsSupported(string? version) => version is not null && Supported.Contains(version);

    /// <summary>
    /// True for revisions without sessions or an initialize handshake: every request carries its
    /// version in a header and in <c>_meta</c>.
    /// </summary>
    public static bool IsStatelessGeneration(string? version) =>
        version is not null && string.CompareOrdinal(version, July2026) >= 0;
}
