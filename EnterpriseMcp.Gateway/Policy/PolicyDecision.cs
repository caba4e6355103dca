namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// What the policy decided for one caller and one name, and why. <see cref="FixableByScopes"/> denials carry every
/// scope of the rule in <see cref="RequiredScopes"/>, which is what the client asks for when it steps up.
/// </summary>
/// <param name="RuleIndex">The deciding rule's position in <c>Gateway:Policy:Rules</c>; null when no rule matches.</param>
/// <param name="RequiredRolesOrGroups">The rule's roles and groups, any one of which suffices; empty when it names none.</param>
/// <param name="Reason">One sentence for an administrator reading a log.</param>
public sealed record PolicyDecision(
    bool Allowed,
    PolicyTargetKind Kind,
    string Name,
    int? RuleIndex,
    string? RuleName,
    IReadOnlyList<string> RequiredScopes,
    IReadOnlyList<string> MissingScopes,
    IReadOnlyList<string> RequiredRolesOrGroups,
    bool FixableByScopes,
    string Reason);
