using EnterpriseMcp.AppHost.Resources;

namespace EnterpriseMcp.AppHost.Orchestration;

/// <summary>
/// Every resource carries its system's data folder in its environment (<see cref="Marker"/>), so that the processes of a
/// system are known for sure, whatever their PIDs became: an AppHost killed outright (SIGKILL) leaves its resources
/// running in their own sessions, and the next AppHost on that data folder stops them before it needs their ports.
/// </summary>
public static class LeftoverProcesses
{
    public const string Marker = "ENTERPRISEMCP_APPHOST_DATA";

    /// <summary>The processes of the system that keeps its data in <paramref name="dataFolder"/>.</summary>
    public static IReadOnlyList<int> Of(string dataFolder)
    {
        var tag = $"{Marker}={dataFolder}\0";
        return Directory.GetDirectories("/proc")
            .Select(folder => int.TryParse(Path.GetFileName(folder), out var id) ? id : 0)
            .Where(id => id > 0 && id != Environment.ProcessId && Environ(id).Contains(tag, StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>Refuses a data folder that a running AppHost uses; stops what a dead one left behind.</summary>
    public static async Task ClearAsync(string dataFolder, Action<string, string> log)
    {
        var left = Of(dataFolder);
        // Its resources are the children of a live AppHost: a dead one's were handed to init (or a subreaper).
        if (SystemStateFile.Read(dataFolder) is { } state && state.ProcessId != Environment.ProcessId
            && left.Any(id => ParentOf(id) == state.ProcessId))
        {
            throw new PrerequisiteException($"an AppHost (pid {state.ProcessId}) is already running on the data folder {dataFolder}.",
                "Use that one (its gateway is " + state.GatewayUrl + "), stop it first, or give this one another --data folder.");
        }

        if (left.Count == 0)
        {
            return;
        }

        log(ResourceNames.AppHost, $"stopping {left.Count} processes that an earlier AppHost on this data folder left running (pids {string.Join(", ", left)})");
        foreach (var id in left)
        {
            ProcessSignals.Send(id, ProcessSignals.SigTerm);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Of(dataFolder).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        foreach (var id in Of(dataFolder))
        {
            ProcessSignals.Send(id, ProcessSignals.SigKill);
        }
    }

    private static int ParentOf(int id)
    {
        // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
        var stat = Read($"/proc/{id}/stat");
        var fields = stat.Length == 0 ? [] : stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], out var parent) ? parent : 0;
    }

    private static string Environ(int id) => Read($"/proc/{id}/environ");

    private static string Read(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
