using System.Globalization;
using System.Text.Json.Nodes;
using EnterpriseMcp.Tools.Jira.Configuration;
using EnterpriseMcp.Tools.Jira.Tracker;
using Microsoft.Extensions.Options;
using ModelContextProtocol;

namespace EnterpriseMcp.Tools.Jira.Cloud;

/// <summary>
/// Jira Cloud through its REST API v3: search on <c>/rest/api/3/search/jql</c> following <c>nextPageToken</c>,
/// descriptions and comments in Atlassian Document Format, Jira's error bodies as tool errors. An issue's comments are
/// read on their own endpoint, only the most recent <see cref="JiraLimits.MaxComments"/>, rather than all of them with the issue.
/// </summary>
internal sealed class JiraCloudTracker(JiraCloudClient jira, IOptions<JiraOptions> options) : IIssueTracker
{
    private const string IssueFields = "summary,description,status,issuetype,assignee,created,updated";
    private const string SearchFields = "summary,status,issuetype,assignee,updated";

    private JiraLimits Limits => options.Value.Limits;

    public async Task<Issue> GetIssueAsync(string key, CancellationToken cancellationToken)
    {
        key = IssueKey.Checked(key);
        var issue = await jira.SendAsync(HttpMethod.Get, $"rest/api/3/issue/{key}?fields={IssueFields}", null, cancellationToken);
        var comments = await jira.SendAsync(HttpMethod.Get,
            $"rest/api/3/issue/{key}/comment?startAt=0&maxResults={Limits.MaxComments}&orderBy=-created", null, cancellationToken);
        var limiter = new IssueLimiter(Limits);
        var newestFirst = (comments["comments"]?.AsArray() ?? []).Select(c => ToComment(c!, limiter)).ToList();
        return limiter.Answer(ToIssue(issue, limiter), newestFirst, (int?)comments["total"] ?? newestFirst.Count);
    }

    public async Task<SearchResult> SearchAsync(string jql, int maxResults, CancellationToken cancellationToken)
    {
        var issues = new List<IssueSummary>();
        var limiter = new IssueLimiter(Limits);
        string? pageToken = null;
        while (true)
        {
            var query = $"rest/api/3/search/jql?jql={Uri.EscapeDataString(jql)}&maxResults={maxResults - issues.Count}&fields={SearchFields}";
            var page = await jira.SendAsync(HttpMethod.Get, pageToken is null ? query : $"{query}&nextPageToken={Uri.EscapeDataString(pageToken)}", null, cancellationToken);
            foreach (var issue in page["issues"]?.AsArray() ?? [])
            {
                var fields = issue!["fields"];
                issues.Add(new((string)issue["key"]!, Summary(fields, limiter), (string?)fields?["status"]?["name"] ?? "",
                    (string?)fields?["issuetype"]?["name"] ?? "", (string?)fields?["assignee"]?["displayName"], Time(fields?["updated"])));
            }

            pageToken = (string?)page["nextPageToken"];
            var last = (bool?)page["isLast"] ?? pageToken is null;
            if (last || pageToken is null)
            {
                return new(issues, More: false);
            }

            if (issues.Count >= maxResults)
            {
                return new(issues[..maxResults], More: true);
            }
        }
    }

    public async Task<Issue> CreateIssueAsync(NewIssue issue, CancellationToken cancellationToken)
    {
        var fields = new JsonObject
        {
            ["project"] = new JsonObject { ["key"] = issue.Project },
            ["summary"] = issue.Summary,
            ["issuetype"] = new JsonObject { ["name"] = issue.IssueType },
        };
        if (!string.IsNullOrWhiteSpace(issue.Description))
        {
            fields["description"] = Adf.FromText(issue.Description);
        }

        var created = await jira.SendAsync(HttpMethod.Post, "rest/api/3/issue", new JsonObject { ["fields"] = fields }, cancellationToken);
        return await GetIssueAsync((string)created["key"]!, cancellationToken);
    }

    public async Task<Comment> AddCommentAsync(string key, string body, CancellationToken cancellationToken) =>
        ToComment(await jira.SendAsync(HttpMethod.Post, $"rest/api/3/issue/{IssueKey.Checked(key)}/comment",
            new JsonObject { ["body"] = Adf.FromText(body) }, cancellationToken), new IssueLimiter(Limits));

    public async Task<Issue> TransitionAsync(string key, string transition, CancellationToken cancellationToken)
    {
        key = IssueKey.Checked(key);
        var available = (await jira.SendAsync(HttpMethod.Get, $"rest/api/3/issue/{key}/transitions", null, cancellationToken))["transitions"]?.AsArray() ?? [];
        var chosen = available.FirstOrDefault(t =>
            string.Equals((string?)t!["name"], transition.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals((string?)t["to"]?["name"], transition.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new McpException($"'{transition}' is not a transition available for {key}. Available: " +
                string.Join(", ", available.Select(t => $"{(string?)t!["name"]} (→ {(string?)t["to"]?["name"]})")) + ".");
        await jira.SendAsync(HttpMethod.Post, $"rest/api/3/issue/{key}/transitions",
            new JsonObject { ["transition"] = new JsonObject { ["id"] = (string?)chosen["id"] } }, cancellationToken);
        return await GetIssueAsync(key, cancellationToken);
    }

    public async Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken)
    {
        var projects = new List<Project>();
        for (var startAt = 0; ;)
        {
            var page = await jira.SendAsync(HttpMethod.Get, $"rest/api/3/project/search?startAt={startAt}&maxResults=50&orderBy=key", null, cancellationToken);
            var values = page["values"]?.AsArray() ?? [];
            projects.AddRange(values.Select(p => new Project((string)p!["key"]!, (string?)p["name"] ?? "")));
            startAt += values.Count;
            if (((bool?)page["isLast"] ?? true) || values.Count == 0)
            {
                return projects;
            }
        }
    }

    private static Issue ToIssue(JsonNode issue, IssueLimiter limiter)
    {
        var fields = issue["fields"];
        var description = Adf.ToText(fields?["description"]);
        return new Issue((string)issue["key"]!, Summary(fields, limiter), limiter.Description(description, description?.Length ?? 0),
            (string?)fields?["status"]?["name"] ?? "", (string?)fields?["issuetype"]?["name"] ?? "", (string?)fields?["assignee"]?["displayName"],
            Time(fields?["created"]), Time(fields?["updated"]), [], 0, null);
    }

    private static string Summary(JsonNode? fields, IssueLimiter limiter)
    {
        var summary = (string?)fields?["summary"] ?? "";
        return limiter.Summary(summary, summary.Length);
    }

    private static Comment ToComment(JsonNode comment, IssueLimiter limiter)
    {
        var body = Adf.ToText(comment["body"]) ?? "";
        return limiter.Comment((string?)comment["author"]?["displayName"] ?? "unknown", body, body.Length, Time(comment["created"]));
    }

    // Jira writes offsets without a colon (2026-11-20T16:45:00.000+0000).
    private static DateTimeOffset Time(JsonNode? value)
    {
        var text = (string?)value;
        if (text is null)
        {
            return default;
        }

        if (text.Length > 5 && text[^5] is '+' or '-' && text[^4..].All(char.IsAsciiDigit))
        {
            text = text[..^2] + ":" + text[^2..];
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }
}
