using System.Reflection;
using System.Runtime.InteropServices;

namespace EnterpriseMcp.AppHost.Orchestration;

/// <summary>
/// Where things are: the repository (above this assembly), the build configuration the AppHost was built in (its
/// services were built with it), and the <c>dotnet</c> host that runs them.
/// </summary>
public sealed record SystemLayout(string Root, string Configuration, string Dotnet)
{
    public static SystemLayout Find()
    {
        var root = RepositoryRoot();
        var configuration = typeof(SystemLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        return new SystemLayout(root, configuration, DotnetHost());
    }

    public string DefaultDataFolder => Path.Combine(Root, "EnterpriseMcp.AppHost", ".data");

    public string ProjectFolder(string project) => Path.Combine(Root, project);

    /// <summary>The service's built assembly, where <c>dotnet build</c> of the AppHost put it.</summary>
    public string Assembly(string project) =>
        Path.Combine(Root, project, "bin", Configuration, "net10.0", project + ".dll");

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "EnterpriseMcp.sln")))
            {
                return folder.FullName;
            }
        }

        throw new PrerequisiteException("the repository (EnterpriseMcp.sln) is not above the AppHost's build output.",
            "Run the AppHost from its repository: dotnet run --project EnterpriseMcp.AppHost");
    }

    /// <summary>The host running us when that is <c>dotnet</c>; else the one beside the runtime we run on.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            return path;
        }

        // .../dotnet/shared/Microsoft.NETCore.App/<version>/ → .../dotnet/dotnet
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/'));
        var host = Path.Combine(runtime.Parent!.Parent!.Parent!.FullName, "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}
