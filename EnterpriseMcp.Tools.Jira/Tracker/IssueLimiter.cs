using EnterpriseMcp.Tools.Jira.Configuration;

namespace EnterpriseMcp.Tools.Jira.Tracker;

/// <summary>
/// Cuts one answer to <see cref="JiraLimits"/>: each text to its limit with a visible "[truncated: ...]" naming the setting,
/// and an issue's comments to those that fit in <see cref="JiraLimits.MaxIssueLength"/>. The trackers read no more than
/// the limits allow in the first place (at most <see cref="JiraLimits.MaxComments"/> comments, texts cut where they can
/// be), so this only decides what the caller is told. One instance per answer: it remembers what it cut.
/// </summary>
internal sealed class IssueLimiter(JiraLimits limits)
{
    private readonly HashSet<string> _cut = [];

    public string Summary(string text, long length) => Clip(text, length, limits.MaxSummaryLength, nameof(JiraLimits.MaxSummaryLength));

    public string? Description(string? text, long length) =>
        text is null ? null : Clip(text, length, limits.MaxDescriptionLength, nameof(JiraLimits.MaxDescriptionLength));

    public Comment Comment(string author, string body, long length, DateTimeOffset created) =>
        new(author, Clip(body, length, limits.MaxCommentLength, nameof(JiraLimits.MaxCommentLength)), created);

    /// <summary>
    /// The answer from an issue whose <paramref name="newestFirst"/> comments went through <see cref="Comment"/>: older
    /// comments are left out once the text would pass <see cref="JiraLimits.MaxIssueLength"/>, the newest is always kept.
    /// </summary>
    public Issue Answer(Issue issue, IReadOnlyList<Comment> newestFirst, int commentCount)
    {
        var budget = limits.MaxIssueLength - issue.Summary.Length - (issue.Description?.Length ?? 0);
        var kept = new List<Comment>();
        foreach (var comment in newestFirst.Take(limits.MaxComments))
        {
            budget -= comment.Body.Length;
            if (budget < 0 && kept.Count > 0)
            {
                _cut.Add(nameof(JiraLimits.MaxIssueLength));
                break;
            }

            kept.Add(comment);
        }

        if (commentCount > Math.Min(newestFirst.Count, limits.MaxComments))
        {
            _cut.Add(nameof(JiraLimits.MaxComments));
        }

        kept.Reverse();
        return issue with { Comments = kept, CommentCount = Math.Max(commentCount, kept.Count), Notice = Notice(kept.Count, commentCount) };
    }

    private string? Notice(int shown, int commentCount)
    {
        if (_cut.Count == 0)
        {
            return null;
        }

        var comments = shown < commentCount ? $"Only the {shown} most recent of {commentCount} comments are shown. " : "";
        return $"{comments}This answer is cut to the server's limits ({string.Join(", ", _cut.Order(StringComparer.Ordinal).Select(JiraLimits.Key))}); " +
            "texts cut short end with [truncated: ...].";
    }

    private string Clip(string text, long length, int max, string limit)
    {
        if (length <= max && text.Length <= max)
        {
            return text;
        }

        _cut.Add(limit);
        // Never split a surrogate pair: half of one cannot be written as JSON.
        var end = Math.Min(text.Length, max);
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return $"{text[..end]}\n[truncated: {max} of {length} characters shown; {JiraLimits.Key(limit)}]";
    }
}
