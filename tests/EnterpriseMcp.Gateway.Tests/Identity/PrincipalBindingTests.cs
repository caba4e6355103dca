using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.Identity;

/// <summary>A session belongs to the user who opened it: another user's token cannot use it, even with the right id.</summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class PrincipalBindingTests(SecuredPlatform platform)
{
    [Fact]
    public async Task Bob_cannot_use_the_session_alice_opened()
    {
        var alice = await platform.LoginAsync("alice");
        var bob = await platform.LoginAsync("bob");
        using var http = new HttpClient();

        using var opened = await http.SendAsync(Post(Initialize(), alice, null), TestContext.Current.CancellationToken);
        var session = opened.Headers.GetValues("Mcp-Session-Id").Single();
        using var asAlice = await http.SendAsync(Post(ListTools(), alice, session), TestContext.Current.CancellationToken);
        using var asBob = await http.SendAsync(Post(ListTools(), bob, session), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAlice.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asBob.StatusCode);
    }

    private HttpRequestMessage Post(JsonObject body, string token, string? session)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, platform.Gateway.Endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
            request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        }

        return request;
    }

    private static JsonObject Initialize() => new()
    {
        ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = "initialize",
        ["params"] = new JsonObject
        {
            ["protocolVersion"] = "2025-11-25",
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "binding-test", ["version"] = "1.0.0" },
        },
    };

    private static JsonObject ListTools() => new() { ["jsonrpc"] = "2.0", ["id"] = 2, ["method"] = "tools/list" };
}
