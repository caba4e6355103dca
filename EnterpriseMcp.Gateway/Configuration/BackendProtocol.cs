namespace EnterpriseMcp.Gateway.Configuration;

/// <summary>The protocol revisions the gateway speaks to backends.</summary>
public static class BackendProtocol
{
    public const string Auto = "auto";
    public const string Stateless = "2026-07-28";
    public const string Sessions = "2025-11-25";

    public static readonly string[] Supported = [Auto, Stateless, Sessions, "2025-06-18", "2025-03-26"];

    public static bool IsStateless(string version) => string.CompareOrdinal(version, Stateless) >= 0;
}
