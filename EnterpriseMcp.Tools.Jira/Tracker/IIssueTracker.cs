namespace EnterpriseMcp.Tools.Jira.Tracker;

/// <summary>
/// An issue tracker: Jira Cloud or the embedded one. Errors a caller can act on (no such issue, bad JQL,
/// an unknown transition, Jira's own messages) come out as <see cref="ModelContextProtocol.McpException"/>.
/// </summary>
internal interface IIssueTracker
{
    Task<Issue> GetIssueAsync(string key, CancellationToken cancellationToken);

    Task<SearchResult> SearchAsync(string jql, int maxResults, CancellationToken cancellationToken);

    Task<Issue> CreateIssueAsync(NewIssue issue, CancellationToken cancellationToken);

    Task<Comment> AddCommentAsync(string key, string body, CancellationToken cancellationToken);

    /// <summary>Moves the issue by a transition's name or the name of the status it leads to.</summary>
    Task<Issue> TransitionAsync(string key, string transition, CancellationToken cancellationToken);

    Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken);
}
