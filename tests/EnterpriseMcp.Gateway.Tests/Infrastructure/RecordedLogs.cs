using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>Keeps every log message at information level or above (and warnings apart), for tests that check what an operator is told.</summary>
public sealed class RecordedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Warnings { get; } = new();

    /// <summary>Information and above.</summary>
    public ConcurrentQueue<string> Messages { get; } = new();

    /// <summary>Records logged with an exception (a stack trace, in a real log), as message and exception.</summary>
    public ConcurrentQueue<string> Exceptions { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(this);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            logs.Messages.Enqueue(message);
            if (exception is not null)
            {
                logs.Exceptions.Enqueue($"{logLevel}: {message}\n{exception}");
            }
            if (logLevel >= LogLevel.Warning)
            {
                logs.Warnings.Enqueue(message);
            }
        }
    }
}
