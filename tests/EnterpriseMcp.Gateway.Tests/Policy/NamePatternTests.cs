using EnterpriseMcp.Gateway.Policy;

namespace EnterpriseMcp.Gateway.Tests.Policy;

public sealed class NamePatternTests
{
    [Theory]
    [InlineData("jira__get_issue", "jira__get_issue", true)]
    [InlineData("jira__get_issue", "jira__get_issues", false)]
    [InlineData("jira__get_issue", "Jira__get_issue", false)]
    [InlineData("db__*", "db__", true)]
    [InlineData("db__*", "db__query", true)]
    [InlineData("db__*", "dbx_query", false)]
    [InlineData("*__query", "db__query", true)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("a*b*c", "aXbYbZ", false)]
    [InlineData("t?", "t1", true)]
    [InlineData("t?", "t", false)]
    [InlineData("t?", "t12", false)]
    [InlineData("*", "", true)]
    [InlineData("jira.*", "jiraX", false)]
    [InlineData("(a+)+", "aaaa", false)]
    public void Exact_names_and_globs_match_ordinally(string pattern, string name, bool matches) =>
        Assert.Equal(matches, new NamePattern(pattern).Matches(name));
}
