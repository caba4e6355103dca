namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// One rule of <c>Gateway:Policy:Rules</c>: the names it covers, and what a caller needs to use them. Patterns are exact
/// names or globs (<c>*</c> any run of characters, <c>?</c> one character), case-sensitive.
/// </summary>
public sealed class PolicyRuleOptions
{
    /// <summary>What logs and explanations call the rule; <c>rule &lt;index&gt;</c> when not set.</summary>
    public string? Name { get; set; }

    /// <summary>Tool names as the gateway exposes them, e.g. <c>jira__get_issue</c> or <c>db__*</c>.</summary>
    public string[] Tools { get; set; } = [];

    /// <summary>Prompt names as the gateway exposes them.</summary>
    public string[] Prompts { get; set; } = [];

    /// <summary>Resource URIs and resource template URI templates, e.g. <c>jira://*</c>.</summary>
    public string[] Resources { get; set; } = [];

    /// <summary>Scopes the caller must hold, every one of them.</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>Roles of which the caller must hold one (or one of <see cref="Groups"/>); no condition when both are empty.</summary>
    public string[] Roles { get; set; } = [];

    /// <summary>Groups of which the caller must be in one (or hold one of <see cref="Roles"/>).</summary>
    public string[] Groups { get; set; } = [];
}
