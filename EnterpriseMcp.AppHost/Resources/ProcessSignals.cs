using System.Runtime.InteropServices;

namespace EnterpriseMcp.AppHost.Resources;

/// <summary>
/// Signals other than SIGKILL: .NET's <see cref="System.Diagnostics.Process.Kill()"/> only kills, and a resource
/// deserves the chance to close its connections and flush its files first.
/// </summary>
public static class ProcessSignals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/>; false when the process no longer exists.</summary>
    public static bool Send(int processId, int signal) => kill(processId, signal) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
