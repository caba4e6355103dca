using System.Runtime.InteropServices;
using EnterpriseMcp.AppHost.Orchestration;
using EnterpriseMcp.AppHost.Resources;

namespace EnterpriseMcp.AppHost.Cli;

/// <summary>
/// Starts the system, shows the table and how to connect, streams every resource's lines, reports restarts, and on
/// Ctrl+C or SIGTERM stops everything it started before exiting.
/// </summary>
public static class RunCommand
{
    public static async Task<int> RunAsync(SystemOptions options)
    {
        var output = new ConsoleOutput();
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop, output));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop, output));

        output.Line(ResourceNames.AppHost, $"starting EnterpriseMcp{(options.Postgres ? " with PostgreSQL" : "")}");
        EnterpriseMcpSystem system;
        try
        {
            system = await EnterpriseMcpSystem.StartAsync(options with { Log = output.Line }, stop.Token);
        }
        catch (PrerequisiteException error)
        {
            output.Failure(error.Message, error.Advice);
            return 2;
        }
        catch (ResourceStartException error)
        {
            output.Failure(error.Message, error.Advice, error.LastLines);
            output.Line(ResourceNames.AppHost, "stopped everything that had started");
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            output.Line(ResourceNames.AppHost, "interrupted while starting; stopped everything that had started");
            return 130;
        }

        await using (system)
        {
            output.Block("\n" + ResourceTable.Render(system.Resources));
            output.Block(ConnectionGuide.Render(system, options.DataFolder));
            system.StatusChanged += status => Report(status, system, output);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                output.Line(ResourceNames.AppHost, "stopping: gateway, then the tool servers, then identity");
            }
        }

        output.Line(ResourceNames.AppHost, "stopped");
        return 0;
    }

    /// <summary>One line per change; the whole table when a resource goes down or comes back.</summary>
    private static void Report(ResourceStatus status, EnterpriseMcpSystem system, ConsoleOutput output)
    {
        if (status.State is ResourceState.Stopping or ResourceState.Stopped)
        {
            return;
        }

        output.Line(ResourceNames.AppHost, $"{status.Name}: {status.State}, {status.Health}{(status.Detail is null ? "" : $" ({status.Detail})")}");
        if (status.State == ResourceState.Restarting || status is { State: ResourceState.Running, Health: ResourceHealth.Healthy, Restarts: > 0 })
        {
            output.Block(ResourceTable.Render(system.Resources));
        }
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop, ConsoleOutput output)
    {
        // Handled here: the runtime would otherwise end the process before the resources are stopped.
        context.Cancel = true;
        if (stop.IsCancellationRequested)
        {
            output.Line(ResourceNames.AppHost, "still stopping (each resource gets up to 10 s before it is killed)");
            return;
        }

        stop.Cancel();
    }
}
