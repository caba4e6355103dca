namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// Who may use which tool, prompt and resource, bound from <c>Gateway:Policy</c>. The first rule whose patterns match
/// a name decides; a name no rule matches is denied.
/// </summary>
public sealed class PolicyOptions
{
    public const string SectionName = "Gateway:Policy";

    /// <summary>Roles whose holders may ask the gateway to explain a decision (<c>/admin/policy/explain</c>).</summary>
    public string[] AdminRoles { get; set; } = [];

    /// <summary>The rules, in the order they are tried, e.g. <c>Gateway:Policy:Rules:0:Tools:0</c>.</summary>
    public List<PolicyRuleOptions> Rules { get; set; } = [];
}
