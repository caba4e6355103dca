using EnterpriseMcp.Hosting.Authorization;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// Tells the operator at start that an empty policy with tokens validated denies everything. What becomes of a change
/// (applied, or refused with every problem named) is logged by <see cref="Configuration.GatewaySettingsMonitor"/>.
/// </summary>
internal sealed partial class EmptyPolicyWarning(IOptions<PolicyOptions> policy, IOptions<McpAuthOptions> auth, ILogger<EmptyPolicyWarning> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (auth.Value.ValidatesTokens && policy.Value.Rules.Count == 0)
        {
            LogEmpty(logger, PolicyOptions.SectionName);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Section} has no rules: every tool, prompt and resource is denied to every caller.")]
    private static partial void LogEmpty(ILogger logger, string section);
}
