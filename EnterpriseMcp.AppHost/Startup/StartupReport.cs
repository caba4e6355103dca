using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnterpriseMcp.AppHost.Startup;

/// <summary>
/// Says on the console when each resource, and then the whole system, is ready (healthy), counted from the AppHost's
/// start, then how to connect: the dashboard shows each state, but a user (and the start-time benchmark) wants the one
/// moment the system as a whole is ready, and where the gateway is.
/// </summary>
public static partial class StartupReport
{
    public static void ReportWhenReady(this IDistributedApplicationBuilder builder, ConnectionGuide guide, params IResourceBuilder<IResource>[] resources)
    {
        var left = resources.Length;
        foreach (var resource in resources)
        {
            // ResourceReadyEvent is what WaitFor waits on: published once the resource's health checks pass.
            builder.Eventing.Subscribe<ResourceReadyEvent>(resource.Resource, (ready, _) =>
            {
                var logger = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupReport));
                Ready(logger, ready.Resource.Name, Elapsed());
                if (Interlocked.Decrement(ref left) == 0)
                {
                    AllReady(logger, Elapsed());
                    Console.Out.Write(guide.Render(ready.Services.GetRequiredService<IConfiguration>()));
                    Console.Out.Flush();
                }

                return Task.CompletedTask;
            });
        }
    }

    private static double Elapsed() => (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource} healthy {Seconds:0.0} s after the AppHost started")]
    private static partial void Ready(ILogger logger, string resource, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "All resources healthy {Seconds:0.0} s after the AppHost started")]
    private static partial void AllReady(ILogger logger, double seconds);
}
