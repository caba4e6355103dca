using System.ComponentModel;
using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Tools.Jira.Configuration;
using EnterpriseMcp.Tools.Jira.Embedded;
using EnterpriseMcp.Tools.Jira.Tracker;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Tools.Jira.Tools;

/// <summary>
/// The issue-tracker tools; the tracker behind them is Jira Cloud or the embedded one. Text arguments are held to
/// <see cref="JiraLimits"/> here, before any work is done on them, whichever the tracker.
/// </summary>
internal static class JiraTools
{
    [McpServerTool(Name = "get_issue", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Reads one issue: summary, description, status, type, assignee, dates and comments.")]
    [RequiresScope("jira.read")]
    public static Task<Issue> GetIssue(IIssueTracker tracker, [Description("The issue key, e.g. DEMO-3.")] string key,
        CancellationToken cancellationToken) => tracker.GetIssueAsync(key, cancellationToken);

    [McpServerTool(Name = "search_issues", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Finds issues with JQL, e.g. project = DEMO AND status = \"In Progress\" ORDER BY updated DESC. The embedded tracker " +
        "understands " + Embedded.Jql.JqlParser.Supported + ".")]
    [RequiresScope("jira.read")]
    public static Task<SearchResult> SearchIssues(IIssueTracker tracker, IOptions<JiraOptions> options, RequestContext<CallToolRequestParams> request,
        [Description("The JQL query; empty means every issue, newest first.")] string jql,
        [Description("Most issues to return, 1 to 100 (default 20).")] int max_results = 20,
        CancellationToken cancellationToken = default)
    {
        if (max_results is < 1 or > 100)
        {
            throw new McpException("max_results must be between 1 and 100.");
        }

        // A null jql never gets here: the hosting layer's argument check refuses it against the schema (a string).
        TextLimit.Check("jql", jql, options.Value.Limits.MaxJqlLength, nameof(JiraLimits.MaxJqlLength));
        SqliteTracker.CurrentUser.Value = request.User?.Identity?.Name;
        return tracker.SearchAsync(jql, max_results, cancellationToken);
    }

    [McpServerTool(Name = "create_issue", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Creates an issue in a project and returns it with its new key.")]
    [RequiresScope("jira.write")]
    public static Task<Issue> CreateIssue(IIssueTracker tracker, IOptions<JiraOptions> options,
        [Description("The project key, e.g. DEMO (list_projects shows them).")] string project,
        [Description("A one-line summary.")] string summary,
        [Description("The description, plain text; blank lines separate paragraphs.")] string? description = null,
        [Description("Task, Bug, Story or Epic (default Task).")] string issue_type = "Task",
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(summary) || string.IsNullOrWhiteSpace(project))
        {
            throw new McpException("project and summary must not be empty.");
        }

        var limits = options.Value.Limits;
        TextLimit.Check("summary", summary, limits.MaxSummaryLength, nameof(JiraLimits.MaxSummaryLength));
        TextLimit.Check("description", description, limits.MaxDescriptionLength, nameof(JiraLimits.MaxDescriptionLength));

        return tracker.CreateIssueAsync(new NewIssue(project, summary, description, issue_type), cancellationToken);
    }

    [McpServerTool(Name = "add_comment", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Adds a comment to an issue.")]
    [RequiresScope("jira.write")]
    public static Task<Comment> AddComment(IIssueTracker tracker, IOptions<JiraOptions> options, RequestContext<CallToolRequestParams> request,
        [Description("The issue key, e.g. DEMO-3.")] string key, [Description("The comment, plain text.")] string body,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new McpException("body must not be empty.");
        }

        TextLimit.Check("body", body, options.Value.Limits.MaxCommentLength, nameof(JiraLimits.MaxCommentLength));

        SqliteTracker.CurrentUser.Value = request.User?.Identity?.Name;
        return tracker.AddCommentAsync(key, body, cancellationToken);
    }

    [McpServerTool(Name = "transition_issue", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Moves an issue along its workflow, by the transition's name (e.g. Start Progress) or the status it leads to (e.g. In Progress).")]
    [RequiresScope("jira.write")]
    public static Task<Issue> TransitionIssue(IIssueTracker tracker, [Description("The issue key, e.g. DEMO-3.")] string key,
        [Description("A transition name or target status.")] string transition, CancellationToken cancellationToken = default) =>
        tracker.TransitionAsync(key, transition, cancellationToken);

    [McpServerTool(Name = "list_projects", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Lists the projects: key and name.")]
    [RequiresScope("jira.read")]
    public static async Task<ProjectList> ListProjects(IIssueTracker tracker, CancellationToken cancellationToken) =>
        new(await tracker.ListProjectsAsync(cancellationToken));

    internal sealed record ProjectList(IReadOnlyList<Project> Projects);
}
