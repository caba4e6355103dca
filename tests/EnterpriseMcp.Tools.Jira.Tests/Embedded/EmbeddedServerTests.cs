using EnterpriseMcp.Tools.Jira.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Jira.Tests.Embedded;

/// <summary>The server with no configuration: the embedded tracker and its demo projects, through the C# SDK client.</summary>
public sealed class EmbeddedServerTests : IAsyncLifetime
{
    private ToolServerHost _server = null!;

    public async ValueTask InitializeAsync() => _server = await JiraTestServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task It_lists_six_tools_with_truthful_annotations_and_described_inputs()
    {
        var tools = (await _server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).ToDictionary(t => t.Name);

        Assert.Equal(["add_comment", "create_issue", "get_issue", "list_projects", "search_issues", "transition_issue"], tools.Keys.Order(StringComparer.Ordinal));
        foreach (var name in new[] { "get_issue", "search_issues", "list_projects" })
        {
            Assert.True(tools[name].ProtocolTool.Annotations?.ReadOnlyHint, name);
            Assert.True(tools[name].ProtocolTool.Annotations?.IdempotentHint, name);
        }

        foreach (var name in new[] { "create_issue", "add_comment", "transition_issue" })
        {
            Assert.False(tools[name].ProtocolTool.Annotations?.ReadOnlyHint, name);
            Assert.False(tools[name].ProtocolTool.Annotations?.DestructiveHint, name);
        }

        var search = tools["search_issues"].JsonSchema.GetProperty("properties");
        Assert.True(search.GetProperty("jql").TryGetProperty("description", out _));
        Assert.NotNull(tools["get_issue"].ProtocolTool.OutputSchema);
    }

    [Fact]
    public async Task Every_tool_works_on_the_demo_projects()
    {
        var projects = (await _server.CallAsync("list_projects")).Structured().GetProperty("projects");
        Assert.Equal(["DEMO", "OPS"], projects.EnumerateArray().Select(p => p.GetProperty("key").GetString()));

        var found = (await _server.CallAsync("search_issues", new() { ["jql"] = "project = DEMO AND status = \"In Review\" ORDER BY created ASC" })).Structured();
        Assert.Equal(["DEMO-3", "DEMO-9"], found.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("key").GetString()));

        var issue = (await _server.CallAsync("get_issue", new() { ["key"] = "demo-1" })).Structured();
        Assert.Equal("Login page times out on slow networks", issue.GetProperty("summary").GetString());
        Assert.Equal(2, issue.GetProperty("comments").GetArrayLength());

        var created = (await _server.CallAsync("create_issue", new()
        {
            ["project"] = "OPS", ["summary"] = "Patch the VPN gateway", ["description"] = "CVE fix.", ["issue_type"] = "bug",
        })).Structured();
        Assert.Equal("OPS-6", created.GetProperty("key").GetString());
        Assert.Equal("To Do", created.GetProperty("status").GetString());
        Assert.Equal("Bug", created.GetProperty("issueType").GetString());

        var comment = (await _server.CallAsync("add_comment", new() { ["key"] = "OPS-6", ["body"] = "Scheduled for tonight." })).Structured();
        Assert.Equal("Scheduled for tonight.", comment.GetProperty("body").GetString());

        var moved = (await _server.CallAsync("transition_issue", new() { ["key"] = "OPS-6", ["transition"] = "Start Progress" })).Structured();
        Assert.Equal("In Progress", moved.GetProperty("status").GetString());
        var reviewed = (await _server.CallAsync("transition_issue", new() { ["key"] = "OPS-6", ["transition"] = "in review" })).Structured();
        Assert.Equal("In Review", reviewed.GetProperty("status").GetString());

        var reread = (await _server.CallAsync("get_issue", new() { ["key"] = "OPS-6" })).Structured();
        Assert.Equal(1, reread.GetProperty("comments").GetArrayLength());
    }

    [Fact]
    public async Task An_unassigned_issue_says_so_with_null_as_its_output_schema_requires()
    {
        var found = (await _server.CallAsync("search_issues", new() { ["jql"] = "assignee IS EMPTY ORDER BY created ASC" })).Structured();

        var first = found.GetProperty("issues")[0];
        Assert.Equal("DEMO-4", first.GetProperty("key").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, first.GetProperty("assignee").ValueKind);
    }

    [Fact]
    public async Task Max_results_bounds_a_search_and_says_there_is_more()
    {
        var page = (await _server.CallAsync("search_issues", new() { ["jql"] = "", ["max_results"] = 4 })).Structured();

        Assert.Equal(4, page.GetProperty("issues").GetArrayLength());
        Assert.True(page.GetProperty("more").GetBoolean());
        Assert.True((await _server.CallAsync("search_issues", new() { ["jql"] = "", ["max_results"] = 101 })).IsError);
    }

    [Theory]
    [InlineData("get_issue", "key", "DEMO-999", "Issue DEMO-999 does not exist")]
    [InlineData("get_issue", "key", "not a key", "is not an issue key")]
    [InlineData("search_issues", "jql", "priority = High", "Unsupported JQL: the field 'priority'")]
    [InlineData("transition_issue", "key", "DEMO-5", "'Start Progress' is not a transition from there. Available: Reopen")]
    public async Task Mistakes_are_explained_plainly(string tool, string argument, string value, string expected)
    {
        var arguments = new Dictionary<string, object?> { [argument] = value };
        if (tool == "transition_issue")
        {
            arguments["transition"] = "Start Progress";
        }

        var result = await _server.CallAsync(tool, arguments);

        Assert.True(result.IsError);
        Assert.Contains(expected, result.Text());
        Assert.DoesNotContain("   at ", result.Text());
    }

    [Fact]
    public async Task Unknown_projects_and_issue_types_are_refused()
    {
        Assert.Contains("Project 'NOPE' does not exist",
            (await _server.CallAsync("create_issue", new() { ["project"] = "NOPE", ["summary"] = "x" })).Text());
        Assert.Contains("'Saga' is not an issue type",
            (await _server.CallAsync("create_issue", new() { ["project"] = "DEMO", ["summary"] = "x", ["issue_type"] = "Saga" })).Text());
    }

    [Fact]
    public async Task Concurrent_creates_get_distinct_keys()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            _server.CallAsync("create_issue", new() { ["project"] = "DEMO", ["summary"] = $"parallel {i}" })));

        var keys = created.Select(r => r.Structured().GetProperty("key").GetString()).ToList();
        Assert.Equal(10, keys.Distinct().Count());
    }
}
