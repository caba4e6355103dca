using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.ApiKeys;
using EnterpriseMcp.Gateway.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.Gateway.Tests.ApiKeys;

/// <summary>A key pasted into a tool's arguments does not reach the audit.</summary>
public sealed class ApiKeyRedactionTests
{
    [Fact]
    public void A_key_inside_any_argument_text_is_erased_and_the_rest_of_the_text_kept()
    {
        var (_, key) = ApiKeyFormat.New();
        var arguments = new ServiceCollection().AddAuditRedaction(new ConfigurationBuilder().Build()).BuildServiceProvider()
            .GetRequiredService<AuditArguments>();

        var kept = arguments.Of(new JsonObject { ["script"] = $"curl -H 'X-API-Key: {key}' https://gateway" })!;

        Assert.Equal("curl -H 'X-API-Key: [redacted]' https://gateway", (string?)kept["script"]);
    }
}
