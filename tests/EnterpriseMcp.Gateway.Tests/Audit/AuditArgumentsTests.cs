using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.Gateway.Tests.Audit;

/// <summary>What the audit keeps of arguments: secrets erased, personal data hashed with the configured key, the rest as it came.</summary>
public sealed class AuditArgumentsTests
{
    // 32 random bytes, base64: a test key, not a secret of any system.
    private const string HashKey = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";

    [Fact]
    public void Values_under_secret_names_are_erased_at_any_depth_whatever_their_case_or_type()
    {
        var kept = Arguments().Of(Parse("""
            {"query": "status = open", "Password": "hunter2", "connection": {"api_key": "k-123", "client-secret": {"value": "x"}},
             "items": [{"access_token": 42}]}
            """))!;

        Assert.Equal("status = open", (string?)kept["query"]);
        Assert.Equal("[redacted]", (string?)kept["Password"]);
        Assert.Equal("[redacted]", (string?)kept["connection"]!["api_key"]);
        Assert.Equal("[redacted]", (string?)kept["connection"]!["client-secret"]);
        Assert.Equal("[redacted]", (string?)kept["items"]![0]!["access_token"]);
        Assert.DoesNotContain("hunter2", kept.ToJsonString());
        Assert.DoesNotContain("k-123", kept.ToJsonString());
    }

    [Fact]
    public void Tokens_inside_any_text_are_erased_and_the_rest_of_the_text_kept()
    {
        var jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IiLCJzY29wZSI6Imppcm"
            + "EucmVhZCJ9.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU";
        var kept = Arguments().Of(new JsonObject
        {
            ["comment"] = $"the token was {jwt} yesterday",
            ["header"] = "Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345",
        })!;

        Assert.Equal("the token was [redacted] yesterday", (string?)kept["comment"]);
        Assert.Equal("Authorization: [redacted]", (string?)kept["header"]);
    }

    [Fact]
    public void Personal_values_are_hashed_with_the_key_so_that_the_same_value_gives_the_same_hash()
    {
        var arguments = Arguments(("Gateway:Audit:Redaction:HashKey", HashKey));

        var first = arguments.Of(new JsonObject { ["email"] = "bob@example.com", ["note"] = "write to bob@example.com" })!;
        var second = arguments.Of(new JsonObject { ["reporter"] = "carol", ["text"] = "cc bob@example.com" })!;

        var hash = (string)first["email"]!;
        Assert.DoesNotContain("bob@example.com", first.ToJsonString() + second.ToJsonString());
        Assert.NotEqual("[redacted]", hash);
        Assert.Equal($"write to {hash}", (string?)first["note"]);
        Assert.Equal($"cc {hash}", (string?)second["text"]);
        Assert.Equal("carol", (string?)second["reporter"]);
    }

    [Fact]
    public void Without_a_hash_key_personal_values_are_erased_too()
    {
        var kept = Arguments().Of(new JsonObject { ["email"] = "bob@example.com" })!;

        Assert.Equal("[redacted]", (string?)kept["email"]);
    }

    [Fact]
    public void Configured_names_and_patterns_are_added_to_the_defaults()
    {
        var arguments = Arguments(
            ("Gateway:Audit:Redaction:SecretKeys:0", "pin"),
            ("Gateway:Audit:Redaction:Patterns:iban:Regex", "[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}"),
            ("Gateway:Audit:Redaction:Patterns:iban:Class", "Secret"));

        var kept = arguments.Of(new JsonObject { ["pin"] = "1234", ["password"] = "hunter2", ["memo"] = "pay to DE89370400440532013000 today" })!;

        Assert.Equal("[redacted]", (string?)kept["pin"]);
        Assert.Equal("[redacted]", (string?)kept["password"]);
        Assert.Equal("pay to [redacted] today", (string?)kept["memo"]);
    }

    [Fact]
    public void Arguments_larger_than_the_limit_are_recorded_by_their_size_only()
    {
        var arguments = Arguments(("Gateway:Audit:Redaction:MaxArgumentBytes", "1024"));

        var kept = arguments.Of(new JsonObject { ["sql"] = new string('x', 5000) })!;

        Assert.Equal(5010, (int)kept["[truncated]"]!["bytes"]!);
        Assert.Single(kept);
    }

    [Fact]
    public void The_request_s_own_arguments_are_left_as_they_came()
    {
        var original = new JsonObject { ["password"] = "hunter2" };

        Arguments().Of(original);

        Assert.Equal("hunter2", (string?)original["password"]);
    }

    private static AuditArguments Arguments(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)))
            .Build();
        return new ServiceCollection().AddAuditRedaction(configuration).BuildServiceProvider().GetRequiredService<AuditArguments>();
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
