using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>Reports every wrong <c>Gateway:Policy</c> setting at once, each naming its key, e.g. <c>Gateway:Policy:Rules:2:Tools:0</c>.</summary>
internal sealed class PolicyOptionsValidator : IValidateOptions<PolicyOptions>
{
    private const string Section = PolicyOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        var problems = new List<string>();
        NotEmpty(options.AdminRoles, $"{Section}:AdminRoles", "role", problems);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < options.Rules.Count; index++)
        {
            var key = $"{Section}:Rules:{index}";
            if (options.Rules[index] is not { } rule)
            {
                problems.Add($"{key} is empty: a rule needs at least one Tools, Prompts or Resources pattern.");
                continue;
            }

            ValidateRule(rule, key, problems);
            var ruleName = PolicyRule.NameOf(rule, index);
            if (!names.TryAdd(ruleName, index))
            {
                problems.Add($"{key}:Name '{ruleName}' is already the name of {Section}:Rules:{names[ruleName]}: explanations would be ambiguous.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void ValidateRule(PolicyRuleOptions rule, string key, List<string> problems)
    {
        if (rule.Tools.Length + rule.Prompts.Length + rule.Resources.Length == 0)
        {
            problems.Add($"{key} has no Tools, Prompts or Resources pattern, so it matches nothing: add e.g. {key}:Tools:0 = jira__*.");
        }

        NotEmpty(rule.Tools, $"{key}:Tools", "pattern", problems);
        NotEmpty(rule.Prompts, $"{key}:Prompts", "pattern", problems);
        NotEmpty(rule.Resources, $"{key}:Resources", "pattern", problems);
        NotEmpty(rule.Roles, $"{key}:Roles", "role", problems);
        NotEmpty(rule.Groups, $"{key}:Groups", "group", problems);
        for (var index = 0; index < rule.Scopes.Length; index++)
        {
            var scope = rule.Scopes[index];
            if (string.IsNullOrEmpty(scope) || scope.Any(char.IsWhiteSpace))
            {
                problems.Add($"{key}:Scopes:{index} '{scope}' is not one scope: a scope is not empty and holds no whitespace (list each scope as its own entry).");
            }
        }
    }

    private static void NotEmpty(string[] values, string key, string what, List<string> problems)
    {
        for (var index = 0; index < values.Length; index++)
        {
            if (string.IsNullOrWhiteSpace(values[index]))
            {
                problems.Add($"{key}:{index} is empty: give a {what} or remove the entry.");
            }
        }
    }
}
