using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Tests.Identity;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using EnterpriseMcp.Login;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.Gateway.Tests.Audit;

/// <summary>A call the policy refuses, made by a real user logged in at the real authorization server, is recorded as denied with its rule.</summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class DeniedCallAuditTests(SecuredPlatform platform)
{
    [Fact]
    public async Task Carols_refused_create_issue_is_recorded_as_denied_with_her_identity_and_the_rule()
    {
        var token = await platform.LoginAsync("carol");
        var before = await LastSequenceAsync();
        using var http = new HttpClient();
        var arguments = new JsonObject { ["project"] = "DEMO", ["summary"] = "audit me", ["description"] = "denied" };

        using var refused = await http.SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__create_issue", arguments, token),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var record = Assert.Single(await RecordsAfterAsync(before), record => record.Name == "jira__create_issue" && record.Caller.Subject == "carol");
        Assert.Equal(AuditOutcome.Denied, record.Outcome);
        Assert.Equal("403", record.ErrorType);
        Assert.Equal("jira-write", record.Rule);
        Assert.Contains("intern", record.Caller.Roles);
        Assert.Equal(("jira", "create_issue"), (record.Backend, record.OriginalName));
        Assert.Equal("audit me", (string?)record.Arguments!["summary"]);
    }

    [Fact]
    public async Task Requests_without_a_token_or_with_one_that_is_not_valid_are_recorded_as_denied_without_the_token()
    {
        var before = await LastSequenceAsync();
        using var http = new HttpClient();
        using var anonymous = RawMcp.CallTool(platform.Gateway.Endpoint, "jira__search_issues", [], null);
        anonymous.Headers.UserAgent.ParseAdd("audit-test/401");
        using var forged = RawMcp.CallTool(platform.Gateway.Endpoint, "jira__search_issues", [], "eyJhbGciOiJub25lIn0.e30.forged-token-value");
        forged.Headers.UserAgent.ParseAdd("audit-test/401");

        using var first = await http.SendAsync(anonymous, TestContext.Current.CancellationToken);
        using var second = await http.SendAsync(forged, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (first.StatusCode, second.StatusCode));
        var records = (await RecordsAfterAsync(before)).Where(record => record.UserAgent == "audit-test/401").ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, record =>
        {
            Assert.Equal(("POST /mcp", AuditOutcome.Denied, "401"), (record.Method, record.Outcome, record.ErrorType));
            Assert.Null(record.Caller.Subject);
            Assert.Equal("127.0.0.1", record.SourceAddress);
        });
        Assert.Equal("no credentials were presented", records[0].Reason);
        Assert.StartsWith("The token is signed with a key the issuer does not publish", records[1].Reason);
        Assert.DoesNotContain("forged-token-value", string.Concat(await BodiesAfterAsync(before)));
    }

    private AuditLog Log => platform.Gateway.Services.GetRequiredService<AuditTrail>().Log!;

    private async Task<long> LastSequenceAsync() =>
        (await AuditVerifier.VerifyAsync(Log.Store, TestContext.Current.CancellationToken)).Checked;

    private async Task<List<AuditRecord>> RecordsAfterAsync(long sequence) =>
        [.. (await BodiesAfterAsync(sequence)).Select(body => AuditChain.RecordOf(body)!)];

    private async Task<List<string>> BodiesAfterAsync(long sequence)
    {
        var bodies = new List<string>();
        await foreach (var stored in Log.Store.ReadAsync(sequence + 1, TestContext.Current.CancellationToken))
        {
            bodies.Add(stored.Body);
        }

        return bodies;
    }
}
