using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Hosting.Authorization;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// Tells the operator where the policy and the tools disagree, once when each gap first shows (at start, or after a
/// catalog or policy change), not on each request it affects: a tool that no rule of <c>Gateway:Policy</c> matches
/// (hidden from and denied to every caller), and a rule that offers a tool without a scope its backend demands for it
/// (the gateway demands it too, see <see cref="BackendScopeDemands"/>, so the rule offers less than it says).
/// </summary>
internal sealed partial class PolicyGapWatcher(BackendRegistry registry, AccessPolicy policy, BackendScopeDemands demands,
    IOptions<McpAuthOptions> auth, ILogger<PolicyGapWatcher> logger) : IHostedService
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
        // One catalog for the whole pass: a swap half-way would name a tool's backend from another catalog.
        var catalog = registry.Catalog;
        var gaps = new List<(string Key, Action Log)>();
        foreach (var tool in catalog.Tools)
        {
            var backend = catalog.TryFindTool(tool.Name, out var routed) ? routed.Backend.Name : "?";
            if (policy.RuleFor(PolicyTargetKind.Tool, tool.Name) is not { } rule)
            {
                gaps.Add(($"unmatched\n{tool.Name}", () => LogUnmatched(tool.Name, backend, PolicyOptions.SectionName)));
                continue;
            }

            var lacking = demands.Of(PolicyTargetKind.Tool, tool.Name, out _).Where(scope => !rule.Scopes.Contains(scope)).ToArray();
            if (lacking.Length > 0)
            {
                var scopes = string.Join(", ", lacking);
                gaps.Add(($"scopes\n{tool.Name}\n{rule.Name}\n{scopes}", () => LogScopeGap(rule.Name, tool.Name, backend, scopes)));
            }
        }

        lock (_gate)
        {
            foreach (var (_, log) in gaps.Where(gap => !_reported.Contains(gap.Key)).OrderBy(gap => gap.Key, StringComparer.Ordinal))
            {
                log();
            }

            _reported = [.. gaps.Select(gap => gap.Key)];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Tool '{Name}' of backend '{Backend}' matches no rule of {Section}, so it is hidden from and denied to every caller; add a rule that names it if it should be offered.")]
    private partial void LogUnmatched(string name, string backend, string section);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Rule '{Rule}' offers tool '{Name}' without the scope(s) {Scopes} that its backend '{Backend}' requires for it, so callers without them neither see nor can call it; add the scope(s) to the rule's Scopes to make the policy say what it does.")]
    private partial void LogScopeGap(string rule, string name, string backend, string scopes);
}
