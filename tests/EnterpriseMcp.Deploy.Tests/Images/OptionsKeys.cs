using System.Text.RegularExpressions;

namespace EnterpriseMcp.Deploy.Tests.Images;

/// <summary>
/// Whether an environment variable such as <c>Gateway__Audit__Path</c> names a setting the service binds: a leading part
/// is an options class's <c>SectionName</c> and the rest are its properties. Read from the sources, so that renaming a
/// setting without the image's variable fails here instead of silently writing to the read-only root.
/// </summary>
internal static class OptionsKeys
{
    public static bool Binds(string project, string variable)
    {
        var sources = string.Join('\n', Directory
            .EnumerateFiles(RepositoryFolder.PathOf(project), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText));
        var parts = variable.Split("__");
        return Enumerable.Range(1, parts.Length - 1).Any(sectionLength =>
            sources.Contains($"SectionName = \"{string.Join(':', parts[..sectionLength])}\"")
            && parts[sectionLength..].All(property => Regex.IsMatch(sources, $@"public\s+[\w?<>]+\s+{property}\s*\{{\s*get;\s*set;")));
    }
}
