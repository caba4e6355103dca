using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using ModelContextProtocol.Client;

namespace EnterpriseMcp.Gateway.Tests.Identity;

/// <summary>A backend's view of a call: a token for itself, on behalf of the user, never the token the client sent the gateway.</summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class NoPassthroughTests(SecuredPlatform platform)
{
    [Fact]
    public async Task Jira_receives_a_token_for_itself_with_bob_as_subject_and_the_gateway_as_actor_never_bobs_own()
    {
        var bobs = await platform.LoginAsync("bob");
        await using var client = await ConnectAsync(bobs);
        var seenBefore = platform.JiraSaw.BearerTokens.Count;

        var issue = await client.CallToolAsync("jira__get_issue", new Dictionary<string, object?> { ["key"] = "DEMO-1" },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEqual(true, issue.IsError);
        var received = platform.JiraSaw.BearerTokens.Skip(seenBefore).Select(token => new JsonWebToken(token)).ToList();
        var forBob = received.Where(token => token.Subject == "bob").ToList();
        Assert.NotEmpty(forBob);
        Assert.All(forBob, token =>
        {
            Assert.Equal([platform.JiraResource], token.Audiences);
            Assert.Contains("\"sub\":\"mcp-gateway\"", token.GetClaim("act").Value);
            Assert.NotEqual(bobs, token.EncodedToken);
        });
        Assert.DoesNotContain(bobs, platform.JiraSaw.BearerTokens);
        Assert.All(platform.JiraSaw.BearerTokens, token => Assert.DoesNotContain(platform.GatewayResource, new JsonWebToken(token).Audiences));
    }

    [Fact]
    public async Task Users_reaching_a_backend_that_speaks_only_2025_each_act_as_themselves_in_sessions_of_their_own()
    {
        await using var alice = await ConnectAsync(await platform.LoginAsync("alice"));
        await using var bob = await ConnectAsync(await platform.LoginAsync("bob"));

        var comments = await Task.WhenAll(
            Comment(alice, "From alice"), Comment(bob, "From bob"), Comment(alice, "Alice again"), Comment(bob, "Bob again"));

        Assert.Equal(["alice", "bob", "alice", "bob"], comments.Select(author => author ?? "(none)"));
    }

    private static async Task<string?> Comment(McpClient client, string body) =>
        (await client.CallToolAsync("jira__add_comment", new Dictionary<string, object?> { ["key"] = "DEMO-3", ["body"] = body },
            cancellationToken: TestContext.Current.CancellationToken)).StructuredContent?.GetProperty("author").GetString();

    private async Task<McpClient> ConnectAsync(string token) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = platform.Gateway.Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }), cancellationToken: TestContext.Current.CancellationToken);
}
