using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Tests.Federation;

public sealed class FederationTests(FederatedGateway backends) : IClassFixture<FederatedGateway>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData(null)]
    public async Task Tools_of_every_backend_are_listed_under_their_backend_prefix(string? protocolVersion)
    {
        var client = await backends.Gateway.ConnectAsync(protocolVersion);
        var names = (await client.ListToolsAsync(cancellationToken: Token)).Select(tool => tool.Name).ToList();
        var jira = (await backends.Jira.Client.ListToolsAsync(cancellationToken: Token)).Select(tool => "jira__" + tool.Name);
        var db = (await backends.Db.Client.ListToolsAsync(cancellationToken: Token)).Select(tool => "db__" + tool.Name);

        Assert.Superset(jira.Concat(db).ToHashSet(), names.ToHashSet());
        Assert.Contains("fx__test_simple_text", names);
        Assert.DoesNotContain("get_issue", names);
        Assert.All(names, name => Assert.Matches("^[a-zA-Z0-9_-]{1,64}$", name));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public async Task The_merged_list_is_paged_by_the_gateway_across_backends()
    {
        var client = await backends.Gateway.ConnectAsync("2025-11-25");
        var pages = new List<ListToolsResult>();
        string? cursor = null;
        do
        {
            var page = await client.SendRequestAsync(new JsonRpcRequest
            {
                Method = RequestMethods.ToolsList,
                Params = cursor is null ? new JsonObject() : new JsonObject { ["cursor"] = cursor },
            }, Token);
            pages.Add(page.Result.Deserialize<ListToolsResult>(ModelContextProtocol.McpJsonUtilities.DefaultOptions)!);
            cursor = pages[^1].NextCursor;
        }
        while (cursor is not null && pages.Count < 100);

        var all = await client.ListToolsAsync(cancellationToken: Token);
        Assert.All(pages, page => Assert.True(page.Tools.Count <= 7));
        Assert.True(pages.Count >= 3, $"only {pages.Count} page(s)");
        Assert.Equal(all.Select(tool => tool.Name), pages.SelectMany(page => page.Tools).Select(tool => tool.Name));
        // Some page holds the end of one backend's tools and the start of the next one's.
        Assert.Contains(pages, page => page.Tools.Select(tool => tool.Name.Split("__")[0]).Distinct().Count() > 1);
    }

    [Fact]
    public async Task A_cursor_the_gateway_did_not_make_is_invalid_params()
    {
        var client = await backends.Gateway.ConnectAsync("2025-11-25");
        var error = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(() => client.SendRequestAsync(
            new JsonRpcRequest { Method = RequestMethods.ToolsList, Params = new JsonObject { ["cursor"] = "not-ours" } }, Token));
        Assert.Equal(ModelContextProtocol.McpErrorCode.InvalidParams, error.ErrorCode);
    }

    [Fact]
    public async Task Prompts_resources_and_templates_are_merged_with_prompt_names_prefixed_and_uris_unchanged()
    {
        var client = await backends.Gateway.ConnectAsync("2025-11-25");
        var prompts = await client.ListPromptsAsync(cancellationToken: Token);
        var resources = await client.ListResourcesAsync(cancellationToken: Token);
        var templates = await client.ListResourceTemplatesAsync(cancellationToken: Token);
        var direct = await backends.Fixture.Client.ListResourcesAsync(cancellationToken: Token);

        Assert.Contains(prompts, prompt => prompt.Name == "fx__test_simple_prompt");
        Assert.Equal(direct.Select(r => r.Uri).Order(), resources.Select(r => r.Uri).Order());
        Assert.Contains(templates, template => template.UriTemplate.StartsWith("test://", StringComparison.Ordinal));
    }
}
