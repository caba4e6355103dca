using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Stateless;

/// <summary>
/// On 2026-07-28 the version travels twice, in the MCP-Protocol-Version header and in
/// <c>_meta</c>; both must be there and agree, and the version must be one served here.
/// </summary>
public sealed class StatelessProtocolVersionTests
{
    private const int HeaderMismatch = -32020;
    private const int InvalidParams = -32602;
    private const int UnsupportedProtocolVersion = -32022;

    [Fact]
    public async Task MissingVersionHeader_WhenMetaDeclaresTheStatelessRevision_IsAHeaderMismatch()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.Create("tools/list", null, StatelessPost.Meta(), versionHeader: null, methodHeader: "tools/list", id: 7);
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Equal(7, answer["id"]?.GetValue<int>());
        Assert.Equal(HeaderMismatch, StatelessPost.CodeOf((JsonObject)answer["error"]!));
    }

    [Fact]
    public async Task VersionHeader_DifferingFromMeta_IsAHeaderMismatch()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.Create("tools/list", null, StatelessPost.Meta("2025-11-25"), McpRequests.Latest, "tools/list");
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HeaderMismatch, StatelessPost.CodeOf(await StatelessPost.ErrorOf(response)));
    }

    [Fact]
    public async Task MissingMetaProtocolVersion_IsInvalidParams()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.Create("tools/list", null, StatelessPost.Meta(version: null), McpRequests.Latest, "tools/list");
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(InvalidParams, StatelessPost.CodeOf(await StatelessPost.ErrorOf(response)));
    }

    [Fact]
    public async Task MissingMeta_IsInvalidParams()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.Create("tools/list", null, meta: null, McpRequests.Latest, "tools/list");
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(InvalidParams, StatelessPost.CodeOf(await StatelessPost.ErrorOf(response)));
    }

    [Fact]
    public async Task MissingMetaClientCapabilities_IsInvalidParams()
    {
        await using var server = await McpTestServer.StartAsync();

        var meta = new JsonObject { [StatelessPost.VersionKey] = McpRequests.Latest };
        using var request = StatelessPost.Create("tools/list", null, meta, McpRequests.Latest, "tools/list");
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(InvalidParams, StatelessPost.CodeOf(await StatelessPost.ErrorOf(response)));
    }

    [Fact]
    public async Task UnsupportedVersion_IsRefusedWithTheVersionsToRetryWith()
    {
        const string future = "2099-01-01";
        await using var server = await McpTestServer.StartAsync();
        var advertised = await DiscoverSupportedVersionsAsync(server);

        using var request = StatelessPost.Create("tools/list", null, StatelessPost.Meta(future), future, "tools/list");
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await StatelessPost.ErrorOf(response);
        Assert.Equal(UnsupportedProtocolVersion, StatelessPost.CodeOf(error));
        Assert.Equal(future, error["data"]?["requested"]?.GetValue<string>());
        var supported = error["data"]?["supported"]?.AsArray().Select(v => v!.GetValue<string>()).ToList();
        Assert.NotNull(supported);
        Assert.NotEmpty(supported);
        Assert.Subset(advertised.ToHashSet(), supported.ToHashSet());
    }

    [Fact]
    public async Task UnsupportedVersionHeader_WithAStatelessBody_IsRefusedAsUnsupported()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.Create("tools/list", null, StatelessPost.Meta(), "2099-01-01", "tools/list");
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(UnsupportedProtocolVersion, StatelessPost.CodeOf(await StatelessPost.ErrorOf(response)));
    }

    private static async Task<List<string>> DiscoverSupportedVersionsAsync(McpTestServer server)
    {
        using var response = await server.Client.SendAsync(McpRequests.Stateless("server/discover"), TestContext.Current.CancellationToken);
        var answer = await McpResponses.ReadAnswerAsync(response);
        return [.. answer["result"]!["supportedVersions"]!.AsArray().Select(v => v!.GetValue<string>())];
    }
}
