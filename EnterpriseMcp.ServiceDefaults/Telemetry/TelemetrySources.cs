namespace EnterpriseMcp.ServiceDefaults.Telemetry;

/// <summary>The activity sources and meters every service listens to.</summary>
internal static class TelemetrySources
{
    public static readonly string[] ActivitySources =
    [
        "EnterpriseMcp.*",
        "Microsoft.AspNetCore",
        "System.Net.Http",
    ];

    public static readonly string[] Meters =
    [
        "EnterpriseMcp.*",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http",
        "System.Runtime",
    ];
}
