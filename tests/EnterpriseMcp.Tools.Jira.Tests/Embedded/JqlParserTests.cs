using EnterpriseMcp.Tools.Jira.Embedded.Jql;
using ModelContextProtocol;

namespace EnterpriseMcp.Tools.Jira.Tests.Embedded;

public sealed class JqlParserTests
{
    [Fact]
    public void Conditions_become_parameterised_sql_and_values_never_enter_the_text()
    {
        var query = JqlParser.Parse("project = DEMO AND (status = \"In Progress\" OR assignee IN (bob, 'alice')) AND text ~ \"x'; DROP TABLE issues; --\" ORDER BY updated DESC");

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
    public void The_documented_subset_is_accepted(string jql) => JqlParser.Parse(jql);

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
        var error = Assert.Throws<McpException>(() => JqlParser.Parse(jql));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void CurrentUser_is_the_caller()
    {
        Assert.Equal(["carol"], JqlParser.Parse("assignee = currentUser()", "carol").Parameters);
        Assert.Contains("signed-in caller", Assert.Throws<McpException>(() => JqlParser.Parse("assignee = currentUser()")).Message);
    }
}
