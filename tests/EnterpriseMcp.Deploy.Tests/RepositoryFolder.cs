namespace EnterpriseMcp.Deploy.Tests;

/// <summary>The clone's root (where EnterpriseMcp.sln is), found upwards from the test binary.</summary>
internal static class RepositoryFolder
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "EnterpriseMcp.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No EnterpriseMcp.sln above {AppContext.BaseDirectory}.");
    }
}
