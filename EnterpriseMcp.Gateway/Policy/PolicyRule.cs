using EnterpriseMcp.Hosting.Authorization;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>One rule of the policy, compiled: its patterns per kind and what a caller must hold.</summary>
internal sealed class PolicyRule
{
    private readonly NamePattern[][] _patterns;

    public PolicyRule(PolicyRuleOptions options, int index)
    {
        Index = index;
        Name = NameOf(options, index);
        _patterns = new NamePattern[3][];
        _patterns[(int)PolicyTargetKind.Tool] = Compile(options.Tools);
        _patterns[(int)PolicyTargetKind.Prompt] = Compile(options.Prompts);
        _patterns[(int)PolicyTargetKind.Resource] = Compile(options.Resources);
        Scopes = Distinct(options.Scopes);
        Roles = Distinct(options.Roles);
        Groups = Distinct(options.Groups);
        RolesOrGroups = [.. Roles, .. Groups];
        // Handed out in every decision: read-only views made once, so no caller can change the rule through them.
        RequiredScopes = Array.AsReadOnly(Scopes);
        RequiredRolesOrGroups = Array.AsReadOnly(RolesOrGroups);
    }

    public int Index { get; }

    public string Name { get; }

    public string[] Scopes { get; }

    public string[] Roles { get; }

    public string[] Groups { get; }

    public string[] RolesOrGroups { get; }

    public IReadOnlyList<string> RequiredScopes { get; }

    public IReadOnlyList<string> RequiredRolesOrGroups { get; }

    public static string NameOf(PolicyRuleOptions options, int index) =>
        string.IsNullOrWhiteSpace(options.Name) ? $"rule {index}" : options.Name.Trim();

    public bool Covers(PolicyTargetKind kind, string name)
    {
        foreach (var pattern in _patterns[(int)kind])
        {
            if (pattern.Matches(name))
            {
                return true;
            }
        }

        return false;
    }

    public bool GrantsScopesTo(McpPrincipal principal)
    {
        foreach (var scope in Scopes)
        {
            if (!principal.Scopes.Contains(scope))
            {
                return false;
            }
        }

        return true;
    }

    public bool GrantsRolesOrGroupsTo(McpPrincipal principal)
    {
        if (RolesOrGroups.Length == 0)
        {
            return true;
        }

        foreach (var role in Roles)
        {
            if (principal.Roles.Contains(role))
            {
                return true;
            }
        }

        foreach (var group in Groups)
        {
            if (principal.Groups.Contains(group))
            {
                return true;
            }
        }

        return false;
    }

    private static NamePattern[] Compile(string[] patterns) =>
        [.. patterns.Where(pattern => !string.IsNullOrWhiteSpace(pattern)).Distinct(StringComparer.Ordinal).Select(pattern => new NamePattern(pattern))];

    private static string[] Distinct(string[] values) =>
        [.. values.Where(value => !string.IsNullOrWhiteSpace(value)).Distinct(StringComparer.Ordinal)];
}
