using EnterpriseMcp.Tools.Jira.Configuration;
using EnterpriseMcp.Tools.Jira.Embedded.Jql;
using EnterpriseMcp.Tools.Jira.Tests.Infrastructure;
using ModelContextProtocol;

namespace EnterpriseMcp.Tools.Jira.Tests.Embedded;

public sealed class JqlParserTests
{
    private static readonly JiraLimits Limits = new();

    [Fact]
    public void Conditions_become_parameterised_sql_and_values_never_enter_the_text()
    {
        var query = Parse("project = DEMO AND (status = \"In Progress\" OR assignee IN (bob, 'alice')) AND text ~ \"x'; DROP TABLE issues; --\" ORDER BY updated DESC");

        Assert.DoesNotContain("DROP", query.Where);
        Assert.DoesNotContain("DEMO", query.Where);
        Assert.Equal(["DEMO", "In Progress", "bob", "alice", "%x'; DROP TABLE issues; --%"], query.Parameters);
        Assert.StartsWith("i.updated DESC", query.OrderBy);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ORDER BY created ASC")]
    [InlineData("assignee IS EMPTY")]
    [InlineData("assignee is not empty and project != OPS")]
    [InlineData("status NOT IN (Done, \"In Review\")")]
    [InlineData("summary ~ login")]
    [InlineData("issuetype = Bug ORDER BY created DESC, updated ASC")]
    public void The_documented_subset_is_accepted(string jql) => Parse(jql);

    [Theory]
    [InlineData("priority = High", "'priority'")]
    [InlineData("project > DEMO", "'>'")]
    [InlineData("status ~ Done", "'~'")]
    [InlineData("ORDER BY priority", "ORDER BY priority")]
    [InlineData("project = DEMO AND", "ends too early")]
    [InlineData("status IN (Done", "not closed")]
    [InlineData("summary ~ \"unclosed", "not closed")]
    [InlineData("project = DEMO LIMIT 5", "'LIMIT'")]
    public void Anything_else_is_refused_naming_the_part(string jql, string named)
    {
        var error = Assert.Throws<McpException>(() => Parse(jql));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void CurrentUser_is_the_caller()
    {
        Assert.Equal(["carol"], Parse("assignee = currentUser()", "carol").Parameters);
        Assert.Contains("signed-in caller", Assert.Throws<McpException>(() => Parse("assignee = currentUser()")).Message);
    }

    [Fact]
    public void Nesting_past_the_limit_is_refused_before_it_can_overflow_a_small_stack()
    {
        // 200,000 levels overflowed the old recursive parser, which killed the process; here on a thread with a
        // quarter-megabyte stack the limit must be met long before the stack is.
        Exception? error = null;
        var token = TestContext.Current.CancellationToken;
        var parsing = new Thread(() => error = Record.Exception(() => JqlParser.Parse(HostileInputs.DeepNesting, Limits, null, token)), maxStackSize: 256 * 1024);
        parsing.Start();
        parsing.Join();

        Assert.Contains("Jira:Limits:MaxJqlDepth", Assert.IsType<McpException>(error).Message);
        Assert.Single(Parse(new string('(', 32) + "project = DEMO" + new string(')', 32)).Parameters);
    }

    [Fact]
    public void Twelve_thousand_ORs_are_refused_at_the_term_limit_without_reading_them_all()
    {
        var error = Assert.Throws<McpException>(() => Parse(HostileInputs.ManyOrs));

        Assert.Contains("Jira:Limits:MaxJqlTerms", error.Message);
    }

    [Fact]
    public void The_SQL_grows_linearly_with_the_conditions()
    {
        var query = Parse(string.Join(" OR ", Enumerable.Range(0, 200).Select(i => $"status = S{i}")));

        Assert.Equal(200, query.Parameters.Count);
        Assert.Equal(1, query.Where.Count(c => c == '('));
    }

    [Fact]
    public void A_cancelled_call_stops_parsing()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => JqlParser.Parse("project = DEMO", Limits, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void A_long_text_search_value_is_refused()
    {
        Assert.Contains("at most 256 characters", Assert.Throws<McpException>(() => Parse($"text ~ \"{new string('a', 257)}\"")).Message);
    }

    private static JqlQuery Parse(string jql, string? currentUser = null) =>
        JqlParser.Parse(jql, Limits, currentUser, TestContext.Current.CancellationToken);
}
