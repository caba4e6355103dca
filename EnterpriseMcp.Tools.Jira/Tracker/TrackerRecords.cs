namespace EnterpriseMcp.Tools.Jira.Tracker;

internal sealed record Issue(string Key, string Summary, string? Description, string Status, string IssueType,
    string? Assignee, DateTimeOffset Created, DateTimeOffset Updated, IReadOnlyList<Comment> Comments);

internal sealed record IssueSummary(string Key, string Summary, string Status, string IssueType, string? Assignee, DateTimeOffset Updated);

/// <summary><see cref="More"/>: the tracker holds further matches beyond those returned.</summary>
internal sealed record SearchResult(IReadOnlyList<IssueSummary> Issues, bool More);

internal sealed record Comment(string Author, string Body, DateTimeOffset Created);

internal sealed record Project(string Key, string Name);

internal sealed record NewIssue(string Project, string Summary, string? Description, string IssueType);
