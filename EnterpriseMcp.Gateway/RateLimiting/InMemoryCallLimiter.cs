using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace EnterpriseMcp.Gateway.RateLimiting;

/// <summary>
/// The limits of one gateway replica, in its memory. A change of <c>Gateway:RateLimits</c> is applied without a restart:
/// the new limits are built and swapped in whole (their buckets start full); an invalid change is logged and ignored.
/// </summary>
internal sealed partial class InMemoryCallLimiter : ICallLimiter, IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly ILogger<InMemoryCallLimiter> _logger;
    private readonly IDisposable _reloading;
    private CompiledLimits _limits;
    private string _applied;

    /// <param name="options">The limits at start, validated then (the start fails with every problem).</param>
    public InMemoryCallLimiter(IOptions<RateLimitOptions> options, IConfiguration configuration, ILogger<InMemoryCallLimiter> logger)
    {
        (_configuration, _logger) = (configuration, logger);
        _limits = new CompiledLimits(options.Value);
        _applied = Text(options.Value);
        _reloading = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public CallAdmission Admit(LimitedCall call) => Volatile.Read(ref _limits).Admit(call);

    private void Reload()
    {
        var options = new RateLimitOptions();
        _configuration.GetSection(RateLimitOptions.SectionName).Bind(options);
        // Any change of the configuration lands here; only a change of the limits replaces them (and refills the buckets).
        if (Text(options) == _applied)
        {
            return;
        }

        if (new RateLimitOptionsValidator().Validate(null, options) is { Failed: true } invalid)
        {
            LogReloadRefused(invalid.FailureMessage);
            return;
        }

        _applied = Text(options);
        var current = Volatile.Read(ref _limits);
        Interlocked.Exchange(ref _limits, new CompiledLimits(options, current)).Dispose();
    }

    private static string Text(RateLimitOptions options) => JsonSerializer.Serialize(options, RateLimitJson.Default.RateLimitOptions);

    public void Dispose()
    {
        _reloading.Dispose();
        _limits.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The changed rate limits are invalid and were not applied; the limits stay as they were. {Problems}")]
    private partial void LogReloadRefused(string problems);
}
