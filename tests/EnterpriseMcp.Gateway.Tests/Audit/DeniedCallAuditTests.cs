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
        var log = platform.Gateway.Services.GetRequiredService<AuditTrail>().Log!;
        var before = (await AuditVerifier.VerifyAsync(log.Store, TestContext.Current.CancellationToken)).Checked;
        using var http = new HttpClient();
        var arguments = new JsonObject { ["project"] = "DEMO", ["summary"] = "audit me", ["description"] = "denied" };

        using var refused = await http.SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__create_issue", arguments, token),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var records = new List<AuditRecord>();
        await foreach (var stored in log.Store.ReadAsync(before + 1, TestContext.Current.CancellationToken))
        {
            records.Add(AuditChain.RecordOf(stored.Body)!);
        }

        var record = Assert.Single(records, record => record.Name == "jira__create_issue" && record.Caller.Subject == "carol");
        Assert.Equal(AuditOutcome.Denied, record.Outcome);
        Assert.Equal("403", record.ErrorType);
        Assert.Equal("jira-write", record.Rule);
        Assert.Contains("intern", record.Caller.Roles);
        Assert.Equal(("jira", "create_issue"), (record.Backend, record.OriginalName));
        Assert.Equal("audit me", (string?)record.Arguments!["summary"]);
    }
}
