namespace EnterpriseMcp.Gateway.Policy;

/// <summary>What a policy decision is about; each kind has its own patterns in a rule.</summary>
public enum PolicyTargetKind
{
    Tool,
    Prompt,
    Resource,
}
