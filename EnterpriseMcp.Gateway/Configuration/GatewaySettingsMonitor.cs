using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace EnterpriseMcp.Gateway.Configuration;

/// <summary>
/// The one watcher of the <c>Gateway</c> section: on each configuration reload it binds the section once, validates each
/// part that changed (every problem named in the log; an invalid part keeps its previous value, the others go ahead),
/// and puts a new <see cref="GatewaySettings"/> in force atomically, then tells <see cref="Changed"/>. The backends, the
/// policy and the rate limits follow it, so all three see the same reload.
/// </summary>
public sealed partial class GatewaySettingsMonitor : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly IValidateOptions<GatewayOptions>[] _backendRules;
    private readonly IValidateOptions<PolicyOptions>[] _policyRules;
    private readonly IValidateOptions<RateLimitOptions>[] _limitRules;
    private readonly ILogger _logger;
    private readonly Lock _reloading = new();
    private readonly IDisposable _subscription;
    private GatewaySettings _current;

    /// <summary>Starts from the section as configured now; each part is validated at start by the service that uses it.</summary>
    public GatewaySettingsMonitor(IConfiguration configuration, IEnumerable<IValidateOptions<GatewayOptions>> backendRules,
        IEnumerable<IValidateOptions<PolicyOptions>> policyRules, IEnumerable<IValidateOptions<RateLimitOptions>> limitRules,
        ILogger<GatewaySettingsMonitor> logger)
    {
        (_configuration, _logger) = (configuration, logger);
        (_backendRules, _policyRules, _limitRules) = ([.. backendRules], [.. policyRules], [.. limitRules]);
        _current = GatewaySettings.Bind(configuration);
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public GatewaySettings Current => Volatile.Read(ref _current);

    /// <summary>Raised after a reload changed some part, with the settings before and after; a part that did not change is the same object in both.</summary>
    public event Action<GatewaySettings, GatewaySettings>? Changed;

    private void Reload()
    {
        lock (_reloading)
        {
            var previous = Current;
            var bound = GatewaySettings.Bind(_configuration);
            var next = new GatewaySettings(
                Accept(previous.Backends, bound.Backends, GatewaySettingsJson.Default.GatewayOptions, _backendRules, LogBackendsRefused),
                Accept(previous.Policy, bound.Policy, GatewaySettingsJson.Default.PolicyOptions, _policyRules, LogPolicyRefused),
                Accept(previous.RateLimits, bound.RateLimits, GatewaySettingsJson.Default.RateLimitOptions, _limitRules, LogLimitsRefused));
            if (next.Backends == previous.Backends && next.Policy == previous.Policy && next.RateLimits == previous.RateLimits)
            {
                return;
            }

            if (next.Policy != previous.Policy)
            {
                LogPolicyApplied(next.Policy.Rules.Count);
            }

            Volatile.Write(ref _current, next);
            Changed?.Invoke(previous, next);
        }
    }

    /// <summary>The candidate when it differs from the part in force and is valid; otherwise the part in force.</summary>
    private static T Accept<T>(T current, T candidate, JsonTypeInfo<T> json, IValidateOptions<T>[] rules, Action<string> refused)
        where T : class
    {
        if (JsonSerializer.Serialize(current, json) == JsonSerializer.Serialize(candidate, json))
        {
            return current;
        }

        var problems = rules.Select(rule => rule.Validate(Options.DefaultName, candidate)).Where(result => result.Failed)
            .SelectMany(result => result.Failures ?? [result.FailureMessage ?? "invalid"]).ToArray();
        if (problems.Length == 0)
        {
            return candidate;
        }

        refused(string.Join(" ", problems));
        return current;
    }

    public void Dispose() => _subscription.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "The changed gateway configuration is invalid and was not applied; the backends stay as they were. {Problems}")]
    private partial void LogBackendsRefused(string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy change refused, the previous rules stay in force: {Problems}")]
    private partial void LogPolicyRefused(string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy changed: {Rules} rule(s) now in force.")]
    private partial void LogPolicyApplied(int rules);

    [LoggerMessage(Level = LogLevel.Error, Message = "The changed rate limits are invalid and were not applied; the limits stay as they were. {Problems}")]
    private partial void LogLimitsRefused(string problems);
}
