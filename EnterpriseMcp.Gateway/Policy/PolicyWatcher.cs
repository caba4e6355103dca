using EnterpriseMcp.Hosting.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// Tells the operator what became of the policy: at start, that an empty policy with tokens validated denies
/// everything; on each configuration reload, the change applied, or refused with every problem named (the options
/// monitor drops an invalid change silently, and <see cref="AccessPolicy"/> keeps the previous rules).
/// </summary>
internal sealed partial class PolicyWatcher(IConfiguration configuration, IValidateOptions<PolicyOptions> validator, IOptions<PolicyOptions> policy,
    IOptions<McpAuthOptions> auth, ILogger<PolicyWatcher> logger) : IHostedService, IDisposable
{
    private IDisposable? _reloading;
    private string? _last;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (auth.Value.ValidatesTokens && policy.Value.Rules.Count == 0)
        {
            LogEmpty(logger, PolicyOptions.SectionName);
        }

        _last = Snapshot();
        _reloading = ChangeToken.OnChange(configuration.GetReloadToken, Check);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _reloading?.Dispose();

    private void Check()
    {
        var snapshot = Snapshot();
        if (snapshot == _last)
        {
            return;
        }

        _last = snapshot;
        var changed = new PolicyOptions();
        configuration.GetSection(PolicyOptions.SectionName).Bind(changed);
        var result = validator.Validate(null, changed);
        if (result.Failed)
        {
            LogRefused(logger, string.Join(" ", result.Failures));
        }
        else
        {
            LogApplied(logger, changed.Rules.Count);
        }
    }

    // The section as text: a reload of some other setting is no policy change.
    private string Snapshot() => string.Join('\n', configuration.GetSection(PolicyOptions.SectionName).AsEnumerable().OrderBy(pair => pair.Key, StringComparer.Ordinal));

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Section} has no rules: every tool, prompt and resource is denied to every caller.")]
    private static partial void LogEmpty(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy change refused, the previous rules stay in force: {Problems}")]
    private static partial void LogRefused(ILogger logger, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy changed: {Rules} rule(s) now in force.")]
    private static partial void LogApplied(ILogger logger, int rules);
}
