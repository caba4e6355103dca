using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Tests.Routing;

public sealed class RoutingTests(FederatedGateway backends) : IClassFixture<FederatedGateway>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData(null)]
    public async Task Calls_reach_the_backend_that_lists_the_tool_under_its_own_name(string? protocolVersion)
    {
        var client = await backends.Gateway.ConnectAsync(protocolVersion);

        var projects = await client.CallToolAsync("jira__list_projects", cancellationToken: Token);
        var tables = await client.CallToolAsync("db__list_tables", cancellationToken: Token);

        Assert.Contains("DEMO", projects.Text());
        Assert.Equal((await backends.Jira.CallAsync("list_projects")).Text(), projects.Text());
        Assert.True(tables.IsError != true, tables.Text());
        Assert.Equal((await backends.Db.CallAsync("list_tables")).Text(), tables.Text());
    }

    [Fact]
    public async Task A_tool_error_comes_back_as_the_backend_gave_it()
    {
        var client = await backends.Gateway.ConnectAsync("2025-11-25");
        var missing = await client.CallToolAsync("jira__get_issue", new Dictionary<string, object?> { ["key"] = "DEMO-99999" }, cancellationToken: Token);

        Assert.True(missing.IsError);
        Assert.Contains("DEMO-99999", missing.Text());
    }

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData(null)]
    public async Task Unknown_tools_and_prompts_are_invalid_params_naming_them(string? protocolVersion)
    {
        var client = await backends.Gateway.ConnectAsync(protocolVersion);

        var tool = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("nope__missing", cancellationToken: Token).AsTask());
        var prompt = await Assert.ThrowsAsync<McpProtocolException>(() => client.GetPromptAsync("nope__missing", cancellationToken: Token).AsTask());
        var unprefixed = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("list_projects", cancellationToken: Token).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, tool.ErrorCode);
        Assert.Contains("nope__missing", tool.Message);
        Assert.Equal(McpErrorCode.InvalidParams, prompt.ErrorCode);
        Assert.Equal(McpErrorCode.InvalidParams, unprefixed.ErrorCode);
    }

    [Theory]
    [InlineData("2025-11-25", McpErrorCode.ResourceNotFound)]
    [InlineData(null, McpErrorCode.InvalidParams)]
    public async Task An_unknown_resource_gets_the_code_of_the_clients_revision(string? protocolVersion, McpErrorCode expected)
    {
        var client = await backends.Gateway.ConnectAsync(protocolVersion);
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync("nowhere://nothing", cancellationToken: Token).AsTask());
        Assert.Equal(expected, error.ErrorCode);
    }

    [Fact]
    public async Task Prompts_resources_templates_and_completions_route_to_the_fixture()
    {
        var client = await backends.Gateway.ConnectAsync("2025-11-25");

        var prompt = await client.GetPromptAsync("fx__test_prompt_with_arguments",
            new Dictionary<string, object?> { ["arg1"] = "alpha", ["arg2"] = "beta" }, cancellationToken: Token);
        var text = await client.ReadResourceAsync("test://static-text", cancellationToken: Token);
        var templated = await client.ReadResourceAsync("test://template/42/data", cancellationToken: Token);
        var promptCompletion = await client.CompleteAsync(new PromptReference { Name = "fx__test_prompt_with_embedded_resource" },
            "resourceUri", "test://st", cancellationToken: Token);
        var templateCompletion = await client.CompleteAsync(new ResourceTemplateReference { Uri = "test://template/{id}/data" },
            "id", "1", cancellationToken: Token);

        Assert.Contains("alpha", string.Join(" ", prompt.Messages.Select(m => (m.Content as TextContentBlock)?.Text)));
        Assert.Contains("test://static-text", text.Contents.Select(c => c.Uri));
        Assert.Contains("42", Assert.IsType<TextResourceContents>(Assert.Single(templated.Contents)).Text);
        Assert.Contains("test://static-text", promptCompletion.Completion.Values);
        Assert.Equal(["123"], templateCompletion.Completion.Values);
    }
}
