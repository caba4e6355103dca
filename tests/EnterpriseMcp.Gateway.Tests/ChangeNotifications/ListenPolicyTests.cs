using EnterpriseMcp.Gateway.Authorization;
using EnterpriseMcp.Gateway.Subscriptions;
using EnterpriseMcp.Gateway.Tests.Authorization;
using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Hosting.Configuration;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Tests.ChangeNotifications;

/// <summary>A resource update reaches a listener only while the policy lets it read the resource, asked again at each update.</summary>
public sealed class ListenPolicyTests
{
    [Fact]
    public async Task An_update_of_a_resource_the_policy_denies_the_listener_reaches_it_not()
    {
        var rules = new PolicyOptions
        {
            Rules = [new PolicyRuleOptions { Name = "status", Resources = ["rec://status"], Scopes = ["rec.read"] }],
        };
        using var policy = new AccessPolicy(new TestOptionsMonitor<PolicyOptions>(rules));
        var access = new GatewayRequestAuthorizer(policy,
            Options.Create(new McpAuthOptions { Authority = "http://127.0.0.1:9/", Resource = "http://127.0.0.1:9/mcp" }));
        var listeners = new ClientListeners(Options.Create(new McpHttpOptions()), access);
        var granted = new ListenFilter(false, false, false, ["rec://status"]);
        var reader = new ClientListener(new RequestId(1), "test|dana", new McpPrincipal("dana", "test", null, ["rec.read"]), granted);
        var outsider = new ClientListener(new RequestId(1), "test|eve", new McpPrincipal("eve", "test", null, ["other"]), granted);
        Assert.True(listeners.TryAdd(reader));
        Assert.True(listeners.TryAdd(outsider));

        listeners.AnnounceUpdated("rec://status");

        var heard = await NextWithinAsync(reader);
        Assert.Equal("rec://status", Assert.Single(heard!).Params?["uri"]?.GetValue<string>());
        Assert.Null(await NextWithinAsync(outsider));
    }

    private static async Task<IReadOnlyList<JsonRpcNotification>?> NextWithinAsync(ClientListener listener)
    {
        using var wait = new CancellationTokenSource(300);
        try
        {
            return await listener.NextAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
