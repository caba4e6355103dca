using Microsoft.Extensions.Configuration;

namespace EnterpriseMcp.ServiceDefaults.Telemetry;

/// <summary>
/// The standard OpenTelemetry variable names, read from <c>IConfiguration</c> so that
/// environment variables and appsettings both work.
/// </summary>
internal static class TelemetryConfigKeys
{
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceName = "OTEL_SERVICE_NAME";
    public const string ResourceAttributes = "OTEL_RESOURCE_ATTRIBUTES";

    public static bool IsOtlpConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[OtlpEndpoint]);
}
