namespace EnterpriseMcp.ServiceDefaults.Telemetry;

/// <summary>
/// The services' own activity sources and meters. ASP.NET Core, Kestrel, HttpClient and the runtime come with
/// their instrumentation packages.
/// </summary>
internal static class TelemetrySources
{
    public const string ActivitySources = "EnterpriseMcp.*";

    public const string Meters = "EnterpriseMcp.*";
}
