using EnterpriseMcp.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using OpenTelemetry.Resources;

namespace EnterpriseMcp.ServiceDefaults.Tests.Telemetry;

public sealed class ServiceResourceTests
{
    private static ServiceResource From(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value))
            .Build();
        return ServiceResource.From(configuration, new HostingEnvironment { ApplicationName = "My.App" });
    }

    [Fact]
    public void Service_name_is_the_application_name_when_nothing_is_configured()
    {
        Assert.Equal("My.App", From().ServiceName);
    }

    [Fact]
    public void OTEL_SERVICE_NAME_wins_over_resource_attributes_and_application_name()
    {
        var resource = From(("OTEL_SERVICE_NAME", "gateway"), ("OTEL_RESOURCE_ATTRIBUTES", "service.name=other"));

        Assert.Equal("gateway", resource.ServiceName);
    }

    [Fact]
    public void Service_name_in_resource_attributes_wins_over_application_name()
    {
        Assert.Equal("from-attributes", From(("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attributes")).ServiceName);
    }

    [Fact]
    public void Resource_attributes_are_parsed_and_percent_decoded_and_malformed_entries_skipped()
    {
        var resource = From(("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=prod, team=a%20b%2Cc,broken,=x"));

        Assert.Equal(
            [
                new KeyValuePair<string, object>("deployment.environment.name", "prod"),
                new KeyValuePair<string, object>("team", "a b,c"),
            ],
            resource.Attributes);
    }

    [Fact]
    public void Every_provider_gets_the_same_service_instance_id()
    {
        var resource = From(("OTEL_SERVICE_NAME", "gateway"));

        var first = Describe(resource);
        var second = Describe(resource);

        Assert.Equal("gateway", first["service.name"]);
        Assert.Equal(first["service.instance.id"], second["service.instance.id"]);
    }

    private static Dictionary<string, object> Describe(ServiceResource resource)
    {
        var builder = ResourceBuilder.CreateDefault();
        resource.Describe(builder);
        return builder.Build().Attributes.ToDictionary();
    }
}
