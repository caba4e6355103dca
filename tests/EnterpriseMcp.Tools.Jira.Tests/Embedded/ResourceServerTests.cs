using EnterpriseMcp.Tools.Testing;

namespace EnterpriseMcp.Tools.Jira.Tests.Embedded;

public sealed class ResourceServerTests
{
    [Fact]
    public Task With_an_authority_it_wants_a_token_and_publishes_its_scopes() =>
        ResourceServerProbe.AssertWantsTokenAndPublishesScopesAsync(JiraServerApp.Create,
            new Dictionary<string, string?> { ["Jira:Embedded:DatabasePath"] = "{folder}/tracker.db" }, ["jira.read", "jira.write"]);
}
