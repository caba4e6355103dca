namespace EnterpriseMcp.Tools.Jira.Embedded;

/// <summary>The embedded tracker's workflow: To Do → In Progress → In Review → Done, with the usual ways back.</summary>
internal static class Workflow
{
    public static readonly string[] IssueTypes = ["Task", "Bug", "Story", "Epic"];

    public const string Initial = "To Do";

    private static readonly (string Name, string From, string To)[] Transitions =
    [
        ("Start Progress", "To Do", "In Progress"),
        ("Submit for Review", "In Progress", "In Review"),
        ("Stop Progress", "In Progress", "To Do"),
        ("Done", "In Review", "Done"),
        ("Request Changes", "In Review", "In Progress"),
        ("Reopen", "Done", "To Do"),
    ];

    /// <summary>The transitions open from <paramref name="status"/>, as "name (→ status)".</summary>
    public static IEnumerable<string> From(string status) =>
        Transitions.Where(t => t.From == status).Select(t => $"{t.Name} (→ {t.To})");

    /// <summary>Where <paramref name="transition"/> (a transition's name or its target status) leads from <paramref name="status"/>.</summary>
    public static string? Target(string status, string transition) => Transitions
        .Where(t => t.From == status && (t.Name.Equals(transition.Trim(), StringComparison.OrdinalIgnoreCase) || t.To.Equals(transition.Trim(), StringComparison.OrdinalIgnoreCase)))
        .Select(t => t.To).FirstOrDefault();
}
