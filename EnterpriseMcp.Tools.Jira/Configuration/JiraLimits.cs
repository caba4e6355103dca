namespace EnterpriseMcp.Tools.Jira.Configuration;

/// <summary>
/// Bound from <c>Jira:Limits</c>: how much a caller may send and how much one answer may hold, so that no call can
/// exhaust the server's stack, CPU or memory whatever the input or the data in the tracker.
/// </summary>
public sealed class JiraLimits
{
    public const string SectionName = JiraOptions.SectionName + ":Limits";

    /// <summary>Longest JQL accepted, in characters.</summary>
    public int MaxJqlLength { get; set; } = 10_000;

    /// <summary>Deepest nesting of parentheses in JQL; checked before the parser recurses, so its stack stays small.</summary>
    public int MaxJqlDepth { get; set; } = 32;

    /// <summary>Most conditions (field comparisons) in one JQL query.</summary>
    public int MaxJqlTerms { get; set; } = 200;

    /// <summary>Longest summary accepted by <c>create_issue</c>; a longer one read from the tracker is cut with a notice.</summary>
    public int MaxSummaryLength { get; set; } = 255;

    /// <summary>Longest description accepted; a longer one read from the tracker is cut with a notice.</summary>
    public int MaxDescriptionLength { get; set; } = 16_000;

    /// <summary>Longest comment accepted by <c>add_comment</c>; a longer one read from the tracker is cut with a notice.</summary>
    public int MaxCommentLength { get; set; } = 8_000;

    /// <summary>Most comments in a <c>get_issue</c> answer: the most recent ones.</summary>
    public int MaxComments { get; set; } = 20;

    /// <summary>Most characters of text (summary, description, comments) in one <c>get_issue</c> answer; older comments are left out first.</summary>
    public int MaxIssueLength { get; set; } = 64_000;

    /// <summary>The configuration key of a limit, for messages that tell the caller or the operator what to change.</summary>
    public static string Key(string limit) => $"{SectionName}:{limit}";
}
