using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Hosting.Authorization;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Authorization;

/// <summary>
/// Names each tool that no rule of <c>Gateway:Policy</c> matches, which every caller is denied without a word: once
/// when it first shows so (at start, or after a catalog or policy change), not on each request that hides it.
/// </summary>
internal sealed partial class UnmatchedToolWatcher(BackendRegistry registry, AccessPolicy policy, IOptions<McpAuthOptions> auth,
    ILogger<UnmatchedToolWatcher> logger) : IHostedService
{
    private readonly Lock _gate = new();
    private HashSet<string> _reported = new(StringComparer.Ordinal);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (auth.Value.ValidatesTokens)
        {
            registry.ListChanged += OnListChanged;
            policy.Changed += Report;
            Report();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        registry.ListChanged -= OnListChanged;
        policy.Changed -= Report;
        return Task.CompletedTask;
    }

    private void OnListChanged(string method)
    {
        if (method == NotificationMethods.ToolListChangedNotification)
        {
            Report();
        }
    }

    private void Report()
    {
        var catalog = registry.Catalog;
        var unmatched = catalog.Tools.Select(tool => tool.Name)
            .Where(name => !policy.HasRuleFor(PolicyTargetKind.Tool, name))
            .ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var name in unmatched.Where(name => !_reported.Contains(name)).Order(StringComparer.Ordinal))
            {
                LogUnmatched(name, catalog.TryFindTool(name, out var tool) ? tool.Backend.Name : "?", PolicyOptions.SectionName);
            }

            _reported = unmatched;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Tool '{Name}' of backend '{Backend}' matches no rule of {Section}, so it is hidden from and denied to every caller; add a rule that names it if it should be offered.")]
    private partial void LogUnmatched(string name, string backend, string section);
}
