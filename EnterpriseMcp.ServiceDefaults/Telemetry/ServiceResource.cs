using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;

namespace EnterpriseMcp.ServiceDefaults.Telemetry;

/// <summary>
/// Who is emitting: one identity shared by traces, metrics and logs, so a backend can join them.
/// </summary>
internal sealed class ServiceResource(
    string serviceName,
    string serviceInstanceId,
    IReadOnlyList<KeyValuePair<string, object>> attributes)
{
    private const string ServiceNameAttribute = "service.name";
    private const string ServiceInstanceIdAttribute = "service.instance.id";

    public string ServiceName => serviceName;

    public IReadOnlyList<KeyValuePair<string, object>> Attributes => attributes;

    /// <summary>OTEL_SERVICE_NAME wins over a service.name in OTEL_RESOURCE_ATTRIBUTES, which wins over the application name.</summary>
    public static ServiceResource From(IConfiguration configuration, IHostEnvironment environment)
    {
        var attributes = ResourceAttributeParser.Parse(configuration[TelemetryConfigKeys.ResourceAttributes]);
        var fromAttributes = attributes.FirstOrDefault(a => a.Key == ServiceNameAttribute).Value as string;
        var name = configuration[TelemetryConfigKeys.ServiceName] is { Length: > 0 } configured
            ? configured
            : fromAttributes ?? environment.ApplicationName;

        // Generated once here: the SDK would otherwise give each provider its own random instance id.
        var instanceId = attributes.FirstOrDefault(a => a.Key == ServiceInstanceIdAttribute).Value as string
            ?? Guid.NewGuid().ToString();

        var rest = attributes
            .Where(a => a.Key is not (ServiceNameAttribute or ServiceInstanceIdAttribute))
            .ToList();
        return new ServiceResource(name, instanceId, rest);
    }

    /// <summary>
    /// Replaces what the SDK would detect by itself (it reads the same variables, but would fall back to
    /// <c>unknown_service</c> rather than the application name). Called once per provider.
    /// </summary>
    public void Describe(ResourceBuilder builder) => builder
        .Clear()
        .AddAttributes(attributes)
        .AddService(serviceName, autoGenerateServiceInstanceId: false, serviceInstanceId: serviceInstanceId)
        .AddTelemetrySdk();
}
