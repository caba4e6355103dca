using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Federation;

/// <summary>Everything one backend listed, every page of it, under its own names.</summary>
internal sealed record BackendCatalog(
    IReadOnlyList<Tool> Tools,
    IReadOnlyList<Prompt> Prompts,
    IReadOnlyList<Resource> Resources,
    IReadOnlyList<ResourceTemplate> ResourceTemplates,
    TimeSpan? ListTimeToLive)
{
    public static readonly BackendCatalog Empty = new([], [], [], [], null);
}
