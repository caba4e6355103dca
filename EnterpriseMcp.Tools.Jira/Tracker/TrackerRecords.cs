using System.Text.Json.Serialization;

namespace EnterpriseMcp.Tools.Jira.Tracker;

// Nullable fields are written as null rather than left out: the output schema lists every field as required,
// and clients that check structured content against it (the TypeScript SDK does) refuse a missing one.
/// <summary>
/// <see cref="Comments"/>: the most recent, oldest first, as many as the limits allow; <see cref="CommentCount"/>: how many
/// the issue has; <see cref="Notice"/>: what was left out or cut short to keep within the limits, and the settings to raise.
/// </summary>
internal sealed record Issue(string Key, string Summary, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Description,
    string Status, string IssueType, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Assignee, DateTimeOffset Created, DateTimeOffset Updated,
    IReadOnlyList<Comment> Comments, int CommentCount, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Notice);

internal sealed record IssueSummary(string Key, string Summary, string Status, string IssueType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Assignee, DateTimeOffset Updated);

/// <summary><see cref="More"/>: the tracker holds further matches beyond those returned.</summary>
internal sealed record SearchResult(IReadOnlyList<IssueSummary> Issues, bool More);

internal sealed record Comment(string Author, string Body, DateTimeOffset Created);

internal sealed record Project(string Key, string Name);

internal sealed record NewIssue(string Project, string Summary, string? Description, string IssueType);
