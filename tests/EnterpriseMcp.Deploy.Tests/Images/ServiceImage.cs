using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace EnterpriseMcp.Deploy.Tests.Images;

/// <summary>
/// A .NET service's image as the SDK's container targets compute it (<c>ComputeContainerConfig</c>), read without a
/// container engine or registry. The source and licence labels are fed in, as CI does, to see that they reach the image.
/// </summary>
internal sealed record ServiceImage(
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<(string Port, string Type)> Ports,
    IReadOnlyList<string> Tags)
{
    public const string SourceUrl = "https://example.test/enterprise-mcp";
    public const string Licenses = "LicenseRef-Test";

    private static readonly string[] PropertyNames =
        ["ContainerBaseImage", "ContainerUser", "ContainerRepository", "ContainerWorkingDirectory", "Version"];

    // One msbuild run takes seconds: each project is read once for all the tests.
    private static readonly ConcurrentDictionary<string, Lazy<ServiceImage>> Computed = new();

    public static ServiceImage Of(string project) =>
        Computed.GetOrAdd(project, name => new Lazy<ServiceImage>(() => Compute(name))).Value;

    private static ServiceImage Compute(string project)
    {
        using var document = JsonDocument.Parse(RunMsBuild(project));
        var properties = document.RootElement.GetProperty("Properties");
        var items = document.RootElement.GetProperty("Items");
        return new ServiceImage(
            PropertyNames.ToDictionary(name => name, name => properties.GetProperty(name).GetString() ?? ""),
            ToDictionary(items.GetProperty("ContainerEnvironmentVariables")),
            ToDictionary(items.GetProperty("ContainerLabel")),
            [.. items.GetProperty("ContainerPort").EnumerateArray().Select(port => (Identity(port), Metadata(port, "Type")))],
            [.. items.GetProperty("ContainerImageTags").EnumerateArray().Select(Identity)]);
    }

    private static string RunMsBuild(string project)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryFolder.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
        [
            "msbuild", $"{project}/{project}.csproj", "-nologo", "-t:ComputeContainerConfig",
            $"-p:RepositoryUrl={SourceUrl}", $"-p:PackageLicenseExpression={Licenses}",
            .. PropertyNames.Select(name => $"-getProperty:{name}"),
            "-getItem:ContainerEnvironmentVariables", "-getItem:ContainerLabel", "-getItem:ContainerPort", "-getItem:ContainerImageTags",
        ];
        arguments.ToList().ForEach(start.ArgumentList.Add);
        // A test host may point MSBuild at its own copy; the child must use the SDK's.
        foreach (var inherited in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath" })
        {
            start.Environment.Remove(inherited);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"dotnet msbuild {project} exited {process.ExitCode}:\n{output}\n{error.Result}");
    }

    private static Dictionary<string, string> ToDictionary(JsonElement items) =>
        items.EnumerateArray().ToDictionary(Identity, item => Metadata(item, "Value"));

    private static string Identity(JsonElement item) => Metadata(item, "Identity");

    private static string Metadata(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
}
