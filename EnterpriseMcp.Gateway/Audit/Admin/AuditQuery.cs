using System.Globalization;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// Which records to read: those of a user (<see cref="Subject"/>), of a tool, prompt or resource (<see cref="Name"/>, the
/// exposed name), with an outcome, in a time range (from inclusive, to exclusive), after a sequence number (the cursor of
/// the page before), at most <see cref="Limit"/> of them (none: all), always in sequence order.
/// </summary>
public sealed record AuditQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public string? Subject { get; init; }

    public string? Name { get; init; }

    public AuditOutcome? Outcome { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public long After { get; init; }

    public int? Limit { get; init; }

    /// <summary>The parameters a caller may give, by the names the endpoint and the command share.</summary>
    public static readonly string[] Parameters = ["user", "tool", "outcome", "from", "to", "after", "limit"];

    public const string Usage =
        "Filters: user (subject), tool (exposed name), outcome (Allowed, Denied, Limited or Failed), from and to (ISO 8601 "
        + "times; from inclusive, to exclusive), after (the sequence number the next page starts after), limit.";

    /// <summary>
    /// The query that <paramref name="valueOf"/> describes by <see cref="Parameters"/>' names, or why it cannot be read.
    /// A limit above <paramref name="maxLimit"/> is refused; none means <paramref name="defaultLimit"/>.
    /// </summary>
    public static bool TryParse(Func<string, string?> valueOf, int? defaultLimit, int maxLimit, out AuditQuery query, out string? problem)
    {
        query = new AuditQuery { Subject = Text(valueOf("user")), Name = Text(valueOf("tool")), Limit = defaultLimit };
        problem = null;
        var problems = new List<string>();
        if (Text(valueOf("outcome")) is { } outcome)
        {
            // Names only: Enum.TryParse would also take "7".
            if (Enum.GetNames<AuditOutcome>().FirstOrDefault(name => string.Equals(name, outcome, StringComparison.OrdinalIgnoreCase)) is { } known)
            {
                query = query with { Outcome = Enum.Parse<AuditOutcome>(known) };
            }
            else
            {
                problems.Add($"Unknown outcome '{outcome}': use one of {string.Join(", ", Enum.GetNames<AuditOutcome>())}.");
            }
        }

        query = query with { From = Time("from", valueOf, problems), To = Time("to", valueOf, problems) };
        if (Text(valueOf("after")) is { } after)
        {
            if (long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                query = query with { After = sequence };
            }
            else
            {
                problems.Add($"'after' must be a sequence number (a whole number, 0 or more), not '{after}'.");
            }
        }

        if (Text(valueOf("limit")) is { } limit)
        {
            if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1 && count <= maxLimit)
            {
                query = query with { Limit = count };
            }
            else
            {
                problems.Add($"'limit' must be a whole number from 1 to {maxLimit}, not '{limit}'.");
            }
        }

        if (query is { From: { } from, To: { } to } && to <= from)
        {
            problems.Add($"'to' ({to:O}) must be later than 'from' ({from:O}).");
        }

        if (problems.Count > 0)
        {
            problem = string.Join(" ", problems);
            return false;
        }

        return true;
    }

    private static DateTimeOffset? Time(string parameter, Func<string, string?> valueOf, List<string> problems)
    {
        if (Text(valueOf(parameter)) is not { } text)
        {
            return null;
        }

        // A time without an offset is UTC, as the records' times are.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        problems.Add($"'{parameter}' must be an ISO 8601 time such as 2026-12-03T09:00:00Z or 2026-12-03, not '{text}'.");
        return null;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
