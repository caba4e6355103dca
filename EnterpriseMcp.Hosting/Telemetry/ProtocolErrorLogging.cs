using Microsoft.Extensions.Logging;
using ModelContextProtocol;

namespace EnterpriseMcp.Hosting.Telemetry;

/// <summary>
/// The MCP SDK logs every exception a request handler throws, stack trace included, at Warning and Error. That covers
/// <see cref="McpProtocolException"/>, which is how a handler answers a client with a JSON-RPC error on purpose (an
/// unknown tool, invalid arguments, a backend's refusal): answers, not faults, and a caller could fill the log with stack
/// traces by asking for made-up tools. The SDK's loggers made here write those records at Debug, without the exception;
/// any other exception keeps its level and stack trace. Loggers of other categories are the inner factory's own.
/// </summary>
internal sealed class ProtocolErrorLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private const string SdkCategoryPrefix = "ModelContextProtocol";

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName.StartsWith(SdkCategoryPrefix, StringComparison.Ordinal) ? new QuietProtocolErrors(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class QuietProtocolErrors(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel) || inner.IsEnabled(LogLevel.Debug);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is McpProtocolException)
            {
                if (inner.IsEnabled(LogLevel.Debug))
                {
                    inner.Log(LogLevel.Debug, eventId, state, null, formatter);
                }

                return;
            }

            if (inner.IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
