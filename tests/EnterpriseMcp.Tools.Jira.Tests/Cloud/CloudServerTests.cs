using EnterpriseMcp.Tools.Jira.Tests.Infrastructure;

namespace EnterpriseMcp.Tools.Jira.Tests.Cloud;

/// <summary>The server on its Jira Cloud backend, against the local Jira-shaped site.</summary>
public sealed class CloudServerTests : IAsyncLifetime
{
    private FakeJiraCloud _jira = null!;
    private ToolServerHost _server = null!;

    public async ValueTask InitializeAsync()
    {
        _jira = await FakeJiraCloud.StartAsync();
        _jira.ExpectedAuthorization = "Basic " + Convert.ToBase64String("bot@example.com:api-token-123"u8.ToArray());
        _server = await JiraTestServer.StartAsync(Settings(("Jira:Cloud:Email", "bot@example.com"), ("Jira:Cloud:ApiToken", "api-token-123")));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _jira.DisposeAsync();
    }

    [Fact]
    public async Task Every_tool_goes_through_the_documented_endpoints()
    {
        var projects = (await _server.CallAsync("list_projects")).Structured().GetProperty("projects");
        Assert.Equal(["ACME", "OPS"], projects.EnumerateArray().Select(p => p.GetProperty("key").GetString()));

        var issue = (await _server.CallAsync("get_issue", new() { ["key"] = "ACME-1" })).Structured();
        Assert.Equal("Steps to reproduce", issue.GetProperty("description").GetString());
        Assert.Equal("Dana Developer", issue.GetProperty("assignee").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 15, 45, 0, TimeSpan.Zero), issue.GetProperty("updated").GetDateTimeOffset());

        var created = (await _server.CallAsync("create_issue", new() { ["project"] = "ACME", ["summary"] = "From MCP", ["description"] = "Line\n\nMore" })).Structured();
        Assert.Equal("ACME-8", created.GetProperty("key").GetString());
        Assert.Equal("Line\n\nMore", created.GetProperty("description").GetString());

        var comment = (await _server.CallAsync("add_comment", new() { ["key"] = "ACME-8", ["body"] = "Looks good" })).Structured();
        Assert.Equal("Looks good", comment.GetProperty("body").GetString());

        var closed = (await _server.CallAsync("transition_issue", new() { ["key"] = "ACME-8", ["transition"] = "done" })).Structured();
        Assert.Equal("Done", closed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Only_the_most_recent_comments_are_read_and_long_ones_are_cut_naming_the_settings()
    {
        var comments = _jira.Issues["ACME-3"]["fields"]!["comment"]!["comments"]!.AsArray();
        for (var i = 1; i <= 30; i++)
        {
            var body = i == 30 ? new string('w', 20_000) : $"Comment {i}";
            comments.Add(FakeJiraRoutes.NewComment("Dana Developer", FakeJiraCloud.Paragraph(body), $"2026-11-21T10:{i:00}:00.000+0000"));
        }

        var issue = (await _server.CallAsync("get_issue", new() { ["key"] = "ACME-3" })).Structured();

        var shown = issue.GetProperty("comments");
        Assert.Equal(30, issue.GetProperty("commentCount").GetInt32());
        Assert.Equal(20, shown.GetArrayLength());
        Assert.Equal("Comment 11", shown[0].GetProperty("body").GetString());
        Assert.StartsWith(new string('w', 8_000) + "\n[truncated: 8000 of 20000 characters shown; Jira:Limits:MaxCommentLength]", shown[19].GetProperty("body").GetString());
        Assert.Contains("Jira:Limits:MaxComments", issue.GetProperty("notice").GetString());
        Assert.Contains("GET /rest/api/3/issue/ACME-3/comment?startAt=0&maxResults=20&orderBy=-created", _jira.Requests);
        Assert.DoesNotContain(_jira.Requests, r => r.StartsWith("GET /rest/api/3/issue/ACME-3?", StringComparison.Ordinal) && r.Contains("comment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_from_Jira_larger_than_the_cap_is_refused_naming_the_setting()
    {
        _jira.Issues["ACME-5"]["fields"]!["description"] = FakeJiraCloud.Paragraph(new string('d', 200_000));
        var settings = Settings(("Jira:Cloud:Email", "bot@example.com"), ("Jira:Cloud:ApiToken", "api-token-123"));
        settings["Jira:Cloud:MaxResponseBytes"] = "100000";
        await using var server = await JiraTestServer.StartAsync(settings);

        var result = await server.CallAsync("get_issue", new() { ["key"] = "ACME-5" });

        Assert.True(result.IsError);
        Assert.Contains("Jira:Cloud:MaxResponseBytes", result.Text());
        Assert.Equal("Issue number 1", (await server.CallAsync("get_issue", new() { ["key"] = "ACME-1" })).Structured().GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Search_follows_nextPageToken_up_to_max_results()
    {
        var found = (await _server.CallAsync("search_issues", new() { ["jql"] = "project = ACME", ["max_results"] = 5 })).Structured();

        Assert.Equal(["ACME-1", "ACME-2", "ACME-3", "ACME-4", "ACME-5"], found.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("key").GetString()));
        Assert.True(found.GetProperty("more").GetBoolean());
        var searches = _jira.Requests.Where(r => r.StartsWith("GET /rest/api/3/search/jql", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, searches.Count);
        Assert.Contains("nextPageToken=4", searches[2]);
    }

    [Fact]
    public async Task Jira_error_bodies_become_tool_errors_in_Jiras_words()
    {
        Assert.Contains("Issue does not exist or you do not have permission to see it.", (await _server.CallAsync("get_issue", new() { ["key"] = "ACME-999" })).Text());
        Assert.Contains("Field 'priority' does not exist", (await _server.CallAsync("search_issues", new() { ["jql"] = "priority = High" })).Text());
        Assert.Contains("project: valid project is required", (await _server.CallAsync("create_issue", new() { ["project"] = "NOPE", ["summary"] = "x" })).Text());
        Assert.Contains("not a transition available for ACME-2. Available: Start work (→ In Progress), Close (→ Done)",
            (await _server.CallAsync("transition_issue", new() { ["key"] = "ACME-2", ["transition"] = "Archive" })).Text());
    }

    [Fact]
    public async Task A_429_with_a_short_Retry_After_is_waited_out_and_the_call_succeeds()
    {
        _jira.RateLimitNext = 1;

        var created = await _server.CallAsync("create_issue", new() { ["project"] = "ACME", ["summary"] = "After a 429" });

        Assert.Equal("ACME-8", created.Structured().GetProperty("key").GetString());
        Assert.Equal(2, _jira.Requests.Count(r => r == "POST /rest/api/3/issue"));
    }

    [Fact]
    public async Task A_429_with_a_long_Retry_After_says_when_to_try_again()
    {
        _jira.RateLimitNext = 1;
        _jira.RetryAfterSeconds = 600;

        var result = await _server.CallAsync("create_issue", new() { ["project"] = "ACME", ["summary"] = "Too soon" });

        Assert.True(result.IsError);
        Assert.Contains("try again in 600 s", result.Text());
        Assert.Single(_jira.Requests, r => r == "POST /rest/api/3/issue");
    }

    [Fact]
    public async Task Wrong_credentials_are_reported_without_the_secret()
    {
        _jira.ExpectedAuthorization = "Basic something-else";

        var result = await _server.CallAsync("list_projects");

        Assert.Contains("Jira rejected the configured credentials", result.Text());
        Assert.DoesNotContain("api-token-123", result.Text());
    }

    [Fact]
    public async Task A_bearer_token_is_sent_as_such()
    {
        _jira.ExpectedAuthorization = "Bearer oauth-access-token";
        await using var server = await JiraTestServer.StartAsync(Settings(("Jira:Cloud:BearerToken", "oauth-access-token")));

        Assert.Equal(2, (await server.CallAsync("list_projects")).Structured().GetProperty("projects").GetArrayLength());
    }

    [Fact]
    public async Task Incomplete_cloud_settings_stop_start_up_naming_the_keys()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => JiraTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Jira:Backend"] = "Cloud", ["Jira:Cloud:Email"] = "bot@example.com",
        }));

        Assert.Contains("Jira:Cloud:BaseUrl", failure.Message);
        Assert.Contains("Jira:Cloud:ApiToken", failure.Message);
        Assert.DoesNotContain("bot@example.com", failure.Message);
    }

    private Dictionary<string, string?> Settings(params (string Key, string Value)[] credentials)
    {
        var settings = new Dictionary<string, string?> { ["Jira:Backend"] = "Cloud", ["Jira:Cloud:BaseUrl"] = _jira.BaseUrl.ToString() };
        foreach (var (key, value) in credentials)
        {
            settings[key] = value;
        }

        return settings;
    }
}
