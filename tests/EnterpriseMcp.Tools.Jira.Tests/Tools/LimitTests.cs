using EnterpriseMcp.Tools.Jira.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Jira.Tests.Tools;

/// <summary>What the tools refuse or cut, and how the caller is told: each limit's setting is named.</summary>
public sealed class LimitTests : IAsyncLifetime
{
    private ToolServerHost _server = null!;

    public async ValueTask InitializeAsync() => _server = await JiraTestServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    public static TheoryData<string, string> OversizedJql => new()
    {
        { "200,000 levels of parentheses", HostileInputs.DeepNesting },
        { "12,000 ORs", HostileInputs.ManyOrs },
        { "1 MB", HostileInputs.Megabyte },
    };

    [Theory]
    [MemberData(nameof(OversizedJql))]
    public async Task Oversized_JQL_is_refused_naming_the_length_limit(string what, string jql)
    {
        var result = await _server.CallAsync("search_issues", new() { ["jql"] = jql });

        Assert.True(result.IsError, what);
        Assert.Contains("Jira:Limits:MaxJqlLength", result.Text());
        Assert.Equal(2, (await _server.CallAsync("get_issue", new() { ["key"] = "DEMO-1" })).Structured().GetProperty("comments").GetArrayLength());
    }

    [Fact]
    public async Task Within_the_length_limit_deep_nesting_and_many_conditions_are_refused_naming_their_limits()
    {
        var deep = await _server.CallAsync("search_issues", new() { ["jql"] = new string('(', 40) + "project = DEMO" + new string(')', 40) });
        var wide = await _server.CallAsync("search_issues", new() { ["jql"] = string.Join(" OR ", Enumerable.Range(0, 300).Select(i => $"status = S{i}")) });

        Assert.True(deep.IsError);
        Assert.Contains("Jira:Limits:MaxJqlDepth", deep.Text());
        Assert.True(wide.IsError);
        Assert.Contains("Jira:Limits:MaxJqlTerms", wide.Text());
    }

    [Fact]
    public async Task A_null_jql_is_refused_rather_than_read_as_every_issue()
    {
        var result = await _server.CallAsync("search_issues", new() { ["jql"] = null });

        Assert.True(result.IsError);
        Assert.Contains("jql", result.Text());
    }

    [Fact]
    public async Task An_issue_with_huge_comments_answers_small_and_says_what_was_cut()
    {
        await HostileInputs.AddHugeCommentsAsync(_server);

        var result = await _server.CallAsync("get_issue", new() { ["key"] = HostileInputs.HugeCommentIssue });

        var size = result.Text().Length + (result.StructuredContent?.GetRawText().Length ?? 0);
        TestContext.Current.TestOutputHelper?.WriteLine($"get_issue of ten 3 MB comments: {size} characters");
        Assert.True(size < 256 * 1024, $"the answer is {size} characters");
        var issue = result.Structured();
        Assert.Equal(10, issue.GetProperty("commentCount").GetInt32());
        Assert.Contains("[truncated:", issue.GetProperty("comments")[0].GetProperty("body").GetString());
        Assert.Contains("Jira:Limits:MaxCommentLength", issue.GetProperty("comments")[0].GetProperty("body").GetString());
        Assert.Contains("Jira:Limits:MaxIssueLength", issue.GetProperty("notice").GetString());
    }

    [Theory]
    [InlineData("add_comment", "body", 8_001, "Jira:Limits:MaxCommentLength")]
    [InlineData("create_issue", "summary", 256, "Jira:Limits:MaxSummaryLength")]
    [InlineData("create_issue", "description", 16_001, "Jira:Limits:MaxDescriptionLength")]
    public async Task Oversized_text_is_refused_naming_the_setting(string tool, string argument, int length, string setting)
    {
        var arguments = tool == "add_comment"
            ? new Dictionary<string, object?> { ["key"] = "DEMO-1", ["body"] = "ok" }
            : new Dictionary<string, object?> { ["project"] = "DEMO", ["summary"] = "ok" };
        arguments[argument] = new string('z', length);

        var result = await _server.CallAsync(tool, arguments);

        Assert.True(result.IsError);
        Assert.Contains(setting, result.Text());
    }

    [Fact]
    public async Task The_limits_are_settings_that_can_be_raised()
    {
        await using var server = await JiraTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Jira:Limits:MaxJqlTerms"] = "400", ["Jira:Limits:MaxComments"] = "1",
        });
        await server.CallAsync("add_comment", new() { ["key"] = "DEMO-1", ["body"] = "Newest" });

        var found = await server.CallAsync("search_issues", new() { ["jql"] = string.Join(" OR ", Enumerable.Range(0, 300).Select(i => $"status = S{i}")) });
        var issue = (await server.CallAsync("get_issue", new() { ["key"] = "DEMO-1" })).Structured();

        Assert.Empty(found.Structured().GetProperty("issues").EnumerateArray());
        Assert.Equal("Newest", Assert.Single(issue.GetProperty("comments").EnumerateArray()).GetProperty("body").GetString());
        Assert.Equal(3, issue.GetProperty("commentCount").GetInt32());
        Assert.Contains("Only the 1 most recent of 3 comments", issue.GetProperty("notice").GetString());
    }

    [Fact]
    public async Task Wrong_limits_stop_start_up_naming_each_key()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => JiraTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Jira:Limits:MaxJqlDepth"] = "0", ["Jira:Limits:MaxIssueLength"] = "1000",
        }));

        Assert.Contains("Jira:Limits:MaxJqlDepth must be between 1 and 100", failure.Message);
        Assert.Contains("Jira:Limits:MaxIssueLength must be at least", failure.Message);
    }
}
