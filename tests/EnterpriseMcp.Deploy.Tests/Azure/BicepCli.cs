using System.Diagnostics;
using System.Reflection;

namespace EnterpriseMcp.Deploy.Tests.Azure;

/// <summary>
/// The bicep binary of the Azure.Bicep.CommandLine.linux-x64 package the project references, so the templates are built
/// offline with a pinned compiler (the package folder comes in through the assembly's metadata, from GeneratePathProperty).
/// </summary>
internal static class BicepCli
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static string Executable { get; } = Find();

    public static Result Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFolder.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline: no telemetry, no registry lookups (the templates use no registry modules).
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} took more than 2 minutes.");
        }

        return new Result(process.ExitCode, output.Result, errors.Result);
    }

    private static string Find()
    {
        var folder = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "BicepPackageFolder").Value;
        var path = Path.Combine(folder ?? "", "tools", "bicep");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"No bicep binary at '{path}': restore tests/EnterpriseMcp.Deploy.Tests (the Azure.Bicep.CommandLine.linux-x64 package).");
        }

        // A package extracted without its file modes leaves the binary unexecutable. (The package is linux-x64's.)
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The Azure template tests run the linux-x64 bicep binary.");
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }

        return path;
    }
}
