using System.Text.Json;
using System.Text.Json.Serialization;
using EnterpriseMcp.Hosting.Authorization;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>The answer of <c>/admin/policy/explain</c>: the decision, and the principal it was made for.</summary>
internal sealed record PolicyExplanation(
    bool Allowed,
    string Kind,
    string Name,
    PolicyExplanationRule? Rule,
    IReadOnlyList<string> RequiredScopes,
    IReadOnlyList<string> MissingScopes,
    IReadOnlyList<string> RequiredRolesOrGroups,
    bool FixableByScopes,
    string Reason,
    PolicyExplanationPrincipal Principal)
{
    public static PolicyExplanation Of(PolicyDecision decision, McpPrincipal principal) => new(
        decision.Allowed,
        DecisionReasons.KindOf(decision.Kind),
        decision.Name,
        decision.RuleIndex is { } index ? new PolicyExplanationRule(index, decision.RuleName!) : null,
        decision.RequiredScopes,
        decision.MissingScopes,
        decision.RequiredRolesOrGroups,
        decision.FixableByScopes,
        decision.Reason,
        new PolicyExplanationPrincipal(principal.Subject, principal.Issuer, principal.ClientId, Sorted(principal.Scopes),
            Sorted(principal.Roles), Sorted(principal.Groups), principal.IsAuthenticated));

    private static string[] Sorted(IReadOnlySet<string> values) => [.. values.Order(StringComparer.Ordinal)];
}

internal sealed record PolicyExplanationRule(int Index, string Name);

internal sealed record PolicyExplanationPrincipal(
    string? Subject,
    string? Issuer,
    string? ClientId,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Groups,
    bool IsAuthenticated);

internal sealed record PolicyExplainError(string Error);

/// <summary>Serialization of the explain endpoint, generated at build time (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PolicyExplanation))]
[JsonSerializable(typeof(PolicyExplainError))]
internal sealed partial class PolicyExplainJson : JsonSerializerContext;
