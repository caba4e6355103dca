using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.Subscriptions;
using EnterpriseMcp.Gateway.Tests.Policy;
using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Hosting.Configuration;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Tests.ChangeNotifications;

/// <summary>The listeners' fan-out: a resource update only to those the policy lets read it, and a bound on what they hold.</summary>
public sealed class ClientListenersTests
{
    [Fact]
    public async Task An_update_of_a_resource_the_policy_denies_the_listener_reaches_it_not()
    {
        var rules = new PolicyOptions
        {
            Rules = [new PolicyRuleOptions { Name = "status", Resources = ["rec://status"], Scopes = ["rec.read"] }],
        };
        using var policy = new AccessPolicy(new TestOptionsMonitor<PolicyOptions>(rules));
        var access = new GatewayRequestAuthorizer(policy, BackendScopeDemands.None,
            Options.Create(new McpAuthOptions { Authority = "http://127.0.0.1:9/", Resource = "http://127.0.0.1:9/mcp" }));
        var listeners = new ClientListeners(Options.Create(new McpHttpOptions()), access);
        // Both were granted the URI (the outsider as if the policy changed since): the policy is asked again at each update.
        var granted = new ListenFilter(false, false, false, ["rec://status"]);
        var reader = listeners.TryAdd(new RequestId(1), "test|dana", new McpPrincipal("dana", "test", null, ["rec.read"]), granted)!;
        var outsider = listeners.TryAdd(new RequestId(1), "test|eve", new McpPrincipal("eve", "test", null, ["other"]), granted)!;

        listeners.AnnounceUpdated("rec://status");

        var heard = await NextWithinAsync(reader);
        Assert.Equal("rec://status", Assert.Single(heard!).Params?["uri"]?.GetValue<string>());
        Assert.Null(await NextWithinAsync(outsider));
    }

    [Fact]
    public void Uris_beyond_the_replicas_bound_are_left_out_and_a_closed_listen_makes_room()
    {
        var listeners = new ClientListeners(Options.Create(new McpHttpOptions()),
            new GatewayRequestAuthorizer(new AccessPolicy(new TestOptionsMonitor<PolicyOptions>(new())), BackendScopeDemands.None, Options.Create(new McpAuthOptions())));
        var many = new ListenFilter(false, false, false, [.. Enumerable.Range(0, ClientListeners.MaxSubscribedUris).Select(i => $"rec://item/{i}")]);
        var first = listeners.TryAdd(new RequestId(1), "", McpPrincipal.Anonymous, many)!;

        var late = listeners.TryAdd(new RequestId(2), "", McpPrincipal.Anonymous, new ListenFilter(false, false, false, ["rec://item/0", "rec://other"]))!;
        listeners.Remove(first);
        var after = listeners.TryAdd(new RequestId(3), "", McpPrincipal.Anonymous, new ListenFilter(false, false, false, ["rec://other"]))!;

        Assert.Equal(ClientListeners.MaxSubscribedUris, first.Granted.ResourceSubscriptions.Count);
        Assert.Equal(["rec://item/0"], late.Granted.ResourceSubscriptions);
        Assert.Equal(["rec://other"], after.Granted.ResourceSubscriptions);
        Assert.Equal(["rec://item/0", "rec://other"], listeners.SubscribedUris().Order(StringComparer.Ordinal));
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
