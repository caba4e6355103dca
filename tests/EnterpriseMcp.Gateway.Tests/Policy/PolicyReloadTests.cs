using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.Gateway.Tests.Policy;

/// <summary>The policy follows its file without a restart; a broken change is refused, logged, and the rules in force stay.</summary>
public sealed class PolicyReloadTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_policy_change_on_disk_applies_and_a_broken_one_is_refused_and_logged()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("gateway-policy-").FullName, "policy.json");
        await File.WriteAllTextAsync(file, Policy("notes.read"), Token);
        var logs = new RecordedLogs();
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>(), file, logs);
        var policy = gateway.Services.GetRequiredService<AccessPolicy>();
        var reader = new McpPrincipal("dana", "test", null, ["notes.read"]);
        Assert.True(policy.Allows(reader, PolicyTargetKind.Tool, "notes__read"));

        await File.WriteAllTextAsync(file, Policy("notes.admin"), Token);
        Assert.True(await Eventually.TrueAsync(() => !policy.Allows(reader, PolicyTargetKind.Tool, "notes__read"), seconds: 20), "the change was never applied");
        Assert.Contains(logs.Messages, message => message.Contains("Policy changed: 1 rule(s)", StringComparison.Ordinal));

        await File.WriteAllTextAsync(file, """{ "Gateway": { "Policy": { "Rules": [ { "Name": "broken", "Scopes": [ "notes.read" ] } ] } } }""", Token);
        Assert.True(await Eventually.TrueAsync(() => logs.Warnings.Any(message => message.Contains("Policy change refused", StringComparison.Ordinal)), seconds: 20),
            "the broken change was not reported");
        Assert.Contains(logs.Warnings, message => message.Contains("Gateway:Policy:Rules:0", StringComparison.Ordinal));
        Assert.Equal(["notes.admin"], policy.ScopesSupported);
    }

    private static string Policy(string scope) =>
        $$"""{ "Gateway": { "Policy": { "Rules": [ { "Name": "notes", "Tools": [ "notes__*" ], "Scopes": [ "{{scope}}" ] } ] } } }""";
}
