namespace EnterpriseMcp.AppHost.Tests.Infrastructure;

/// <summary>The machine's processes as /proc shows them: to find what an AppHost started, and what is still running.</summary>
public static class ProcessTable
{
    /// <summary>Every process below <paramref name="parent"/>, at any depth.</summary>
    public static IReadOnlyList<int> Descendants(int parent)
    {
        var children = ParentsById().GroupBy(pair => pair.Value, pair => pair.Key).ToDictionary(group => group.Key, group => group.ToList());
        var found = new List<int>();
        var next = new Queue<int>([parent]);
        while (next.TryDequeue(out var id))
        {
            foreach (var child in children.GetValueOrDefault(id, []))
            {
                found.Add(child);
                next.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>Processes whose command line or environment mentions <paramref name="text"/> (a test's own data folder).</summary>
    public static IReadOnlyList<int> Mentioning(string text) =>
        ParentsById().Keys.Where(id => Read(id, "cmdline").Contains(text, StringComparison.Ordinal)
                                       || Read(id, "environ").Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>Its command line, arguments separated by spaces.</summary>
    public static string CommandLine(int id) => Read(id, "cmdline").Replace('\0', ' ');

    public static bool IsRunning(int id) =>
        File.Exists($"/proc/{id}/stat") && !Read(id, "stat").Contains(") Z ", StringComparison.Ordinal);

    private static Dictionary<int, int> ParentsById()
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var id) && Read(id, "stat") is { Length: > 0 } stat)
            {
                // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 1 && fields[0] != "Z" && int.TryParse(fields[1], out var parent))
                {
                    parents[id] = parent;
                }
            }
        }

        return parents;
    }

    private static string Read(int id, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{id}/{file}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
