namespace EnterpriseMcp.Tools.Jira.Configuration;

/// <summary>The <c>Jira:Limits</c> part of <see cref="JiraOptionsValidator"/>: each limit in its range, each failure naming its key.</summary>
internal static class JiraLimitsValidator
{
    public static void Validate(JiraLimits limits, List<string> failures)
    {
        InRange(failures, nameof(JiraLimits.MaxJqlLength), limits.MaxJqlLength, 1, 100_000);
        InRange(failures, nameof(JiraLimits.MaxJqlDepth), limits.MaxJqlDepth, 1, 100);
        // SQLite refuses expressions deeper than 1000; each condition adds one level to the SQL a query becomes.
        InRange(failures, nameof(JiraLimits.MaxJqlTerms), limits.MaxJqlTerms, 1, 500);
        InRange(failures, nameof(JiraLimits.MaxSummaryLength), limits.MaxSummaryLength, 1, 10_000);
        InRange(failures, nameof(JiraLimits.MaxDescriptionLength), limits.MaxDescriptionLength, 1, 1_000_000);
        InRange(failures, nameof(JiraLimits.MaxCommentLength), limits.MaxCommentLength, 1, 1_000_000);
        InRange(failures, nameof(JiraLimits.MaxComments), limits.MaxComments, 1, 1_000);
        InRange(failures, nameof(JiraLimits.MaxIssueLength), limits.MaxIssueLength, 1, 10_000_000);
        // So that the summary, the description and the newest comment always fit together.
        if ((long)limits.MaxSummaryLength + limits.MaxDescriptionLength + limits.MaxCommentLength > limits.MaxIssueLength)
        {
            failures.Add($"{JiraLimits.Key(nameof(JiraLimits.MaxIssueLength))} must be at least {nameof(JiraLimits.MaxSummaryLength)} + " +
                $"{nameof(JiraLimits.MaxDescriptionLength)} + {nameof(JiraLimits.MaxCommentLength)}.");
        }
    }

    private static void InRange(List<string> failures, string limit, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{JiraLimits.Key(limit)} must be between {min} and {max}.");
        }
    }
}
