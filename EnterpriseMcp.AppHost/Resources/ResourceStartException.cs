namespace EnterpriseMcp.AppHost.Resources;

/// <summary>A resource that did not become ready: which, why, what to do, and the last lines it wrote.</summary>
public sealed class ResourceStartException(string resource, string problem, string advice, IReadOnlyList<string> lastLines)
    : Exception($"{resource} {problem}")
{
    public string Resource { get; } = resource;

    public string Advice { get; } = advice;

    public IReadOnlyList<string> LastLines { get; } = lastLines;
}
