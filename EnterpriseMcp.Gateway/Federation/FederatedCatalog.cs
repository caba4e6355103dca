using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Backends;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Federation;

/// <summary>
/// What the available backends offer, merged under exposed names: built whole each time a backend's
/// lists or availability change, and swapped in at once, so a request sees one consistent view.
/// </summary>
internal sealed class FederatedCatalog
{
    public static readonly FederatedCatalog Empty = new([], "__");

    private readonly Dictionary<string, Routed<Tool>> _tools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Routed<Prompt>> _prompts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Backend> _resources = new(StringComparer.Ordinal);
    private readonly List<(UriTemplateMatcher Matcher, Backend Backend)> _templates = [];
    private readonly List<Backend> _unavailable = [];
    private readonly string _separator;

    public FederatedCatalog(IEnumerable<Backend> backends, string separator)
    {
        _separator = separator;
        var tools = new List<Tool>();
        var prompts = new List<Prompt>();
        var resources = new List<Resource>();
        var templates = new List<ResourceTemplate>();
        var collisions = new List<string>();
        TimeSpan? timeToLive = null;
        var everyBackendHints = true;
        foreach (var backend in backends)
        {
            if (!backend.IsAvailable)
            {
                _unavailable.Add(backend);
                continue;
            }

            var catalog = backend.Catalog!;
            foreach (var tool in catalog.Tools)
            {
                var exposed = ToolNaming.Expose(backend.Prefix, separator, tool.Name);
                if (_tools.TryAdd(exposed, new(backend, tool.Name, tool, DeclaredScopes.Of(tool))))
                {
                    tools.Add(Renamed(tool, exposed));
                }
                else
                {
                    collisions.Add($"tool '{exposed}' of backend '{backend.Name}' (kept: '{_tools[exposed].Backend.Name}')");
                }
            }

            foreach (var prompt in catalog.Prompts)
            {
                var exposed = ToolNaming.Expose(backend.Prefix, separator, prompt.Name);
                if (_prompts.TryAdd(exposed, new(backend, prompt.Name, prompt)))
                {
                    prompts.Add(Renamed(prompt, exposed));
                }
                else
                {
                    collisions.Add($"prompt '{exposed}' of backend '{backend.Name}' (kept: '{_prompts[exposed].Backend.Name}')");
                }
            }

            foreach (var resource in catalog.Resources.Where(resource => _resources.TryAdd(resource.Uri, backend)))
            {
                resources.Add(resource);
            }

            foreach (var template in catalog.ResourceTemplates)
            {
                templates.Add(template);
                _templates.Add((new UriTemplateMatcher(template.UriTemplate), backend));
            }

            everyBackendHints &= catalog.ListTimeToLive is not null;
            timeToLive = catalog.ListTimeToLive is { } ttl && (timeToLive is null || ttl < timeToLive) ? ttl : timeToLive;
        }

        Tools = tools;
        Prompts = prompts;
        Resources = resources;
        ResourceTemplates = templates;
        ListTimeToLive = everyBackendHints ? timeToLive : null;
        Collisions = collisions;
    }

    /// <summary>Names two backends expose alike: the first backend (in configuration order) keeps the name.</summary>
    public IReadOnlyList<string> Collisions { get; }

    public IReadOnlyList<Tool> Tools { get; }

    public IReadOnlyList<Prompt> Prompts { get; }

    public IReadOnlyList<Resource> Resources { get; }

    public IReadOnlyList<ResourceTemplate> ResourceTemplates { get; }

    /// <summary>The shortest list lifetime the backends hinted, when every one of them hinted one.</summary>
    public TimeSpan? ListTimeToLive { get; }

    public bool TryFindTool(string exposedName, out Routed<Tool> tool) => _tools.TryGetValue(exposedName, out tool!);

    public bool TryFindPrompt(string exposedName, out Routed<Prompt> prompt) => _prompts.TryGetValue(exposedName, out prompt!);

    /// <summary>
    /// The unavailable backend a name not listed would belong to: it listed the name before it went
    /// down, or the name carries its prefix. Its callers are told it is unavailable, not that the name is unknown.
    /// </summary>
    public Backend? FindUnavailable(string exposedName) => _unavailable.FirstOrDefault(backend =>
        backend.Catalog?.Tools.Any(tool => ToolNaming.Expose(backend.Prefix, _separator, tool.Name) == exposedName) == true
        || backend.Catalog?.Prompts.Any(prompt => ToolNaming.Expose(backend.Prefix, _separator, prompt.Name) == exposedName) == true
        || (backend.Prefix.Length > 0 && exposedName.StartsWith(backend.Prefix + _separator, StringComparison.Ordinal)));

    /// <summary>The backend that listed the URI, or else the first whose template matches it.</summary>
    public Backend? FindResource(string uri) =>
        _resources.TryGetValue(uri, out var backend) ? backend : _templates.FirstOrDefault(t => t.Matcher.IsMatch(uri)).Backend;

    private static T Renamed<T>(T primitive, string exposedName)
    {
        var node = (JsonObject)JsonSerializer.SerializeToNode(primitive, McpJsonUtilities.DefaultOptions)!;
        node["name"] = exposedName;
        return node.Deserialize<T>(McpJsonUtilities.ProtocolOptions)!;
    }
}

/// <summary>An exposed primitive with the backend it lives on, its name there, and the scopes the backend declares for it.</summary>
internal sealed record Routed<T>(Backend Backend, string OriginalName, T Definition, IReadOnlyList<string>? DeclaredScopes = null);
