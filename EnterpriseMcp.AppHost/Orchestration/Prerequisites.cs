using System.Diagnostics;

namespace EnterpriseMcp.AppHost.Orchestration;

/// <summary>
/// What must be on the machine before anything starts, each checked up front so that a missing one is named with what
/// to do, rather than found by a resource that fails half-way: the services' builds, Node.js 22+ (the identity server)
/// and its npm packages (installed with <c>npm ci</c> when missing), and PostgreSQL when asked for.
/// </summary>
public static class Prerequisites
{
    public static readonly string[] Services = ["EnterpriseMcp.Gateway", "EnterpriseMcp.Tools.Jira", "EnterpriseMcp.Tools.Db"];

    public static void CheckBuilds(SystemLayout layout)
    {
        var missing = Services.Where(project => !File.Exists(layout.Assembly(project))).ToList();
        if (missing.Count > 0)
        {
            throw new PrerequisiteException(
                $"{string.Join(", ", missing)} {(missing.Count > 1 ? "are" : "is")} not built ({layout.Configuration}).",
                $"Build it: dotnet build -c {layout.Configuration} EnterpriseMcp.AppHost (dotnet run --project EnterpriseMcp.AppHost builds it too).");
        }
    }

    /// <summary>The <c>node</c> on the PATH, if it is 22 or later: Node 20 is past its end of life, and oidc-provider wants 22.</summary>
    public static async Task<string> NodeAsync(CancellationToken cancellationToken)
    {
        const string install = "Install Node.js 22 or later (Debian 12's own nodejs is older: use the Node.js project's packages, or nvm) and run again.";
        var node = OnPath("node")
            ?? throw new PrerequisiteException("Node.js is not on the PATH; the identity server (EnterpriseMcp.Identity) runs on it.", install);
        var (code, output) = await RunAsync(node, ["--version"], null, cancellationToken);
        var major = code == 0 && output.TrimStart('v').Split('.')[0] is var text && int.TryParse(text, out var number) ? number : 0;
        if (major < 22)
        {
            throw new PrerequisiteException($"{node} is Node.js {output.Trim()}; the identity server needs 22 or later.", install);
        }

        return node;
    }

    /// <summary>Runs <c>npm ci</c> in EnterpriseMcp.Identity when its packages are missing, its output in the log.</summary>
    public static async Task InstallIdentityPackagesAsync(SystemLayout layout, Action<string, string> log, CancellationToken cancellationToken)
    {
        var folder = layout.ProjectFolder("EnterpriseMcp.Identity");
        if (File.Exists(Path.Combine(folder, "node_modules", "oidc-provider", "package.json")))
        {
            return;
        }

        var npm = OnPath("npm")
            ?? throw new PrerequisiteException("npm is not on the PATH, and EnterpriseMcp.Identity's packages are not installed.",
                "Install npm (Debian: apt-get install npm), or run `npm ci` in EnterpriseMcp.Identity, and run again.");
        log(ResourceNames.AppHost, "installing the identity server's npm packages (npm ci in EnterpriseMcp.Identity)");
        var (code, output) = await RunAsync(npm, ["ci", "--no-audit", "--no-fund"], folder, cancellationToken);
        if (code != 0)
        {
            throw new PrerequisiteException($"npm ci in EnterpriseMcp.Identity failed (exit code {code}):\n{output.Trim()}",
                "Fix what npm reports (is the npm registry reachable?) and run again.");
        }
    }

    /// <summary>The folder of PostgreSQL's server programs (Debian's layout, newest version).</summary>
    public static string PostgresPrograms()
    {
        var folder = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(dir => Path.Combine(dir, "bin")).Where(Directory.Exists).Order().LastOrDefault()
            : null;
        return folder is not null && File.Exists(Path.Combine(folder, "postgres")) && File.Exists(Path.Combine(folder, "initdb"))
            ? folder
            : throw new PrerequisiteException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres).",
                "Install it (Debian: apt-get install postgresql), or run without --postgres: the Db tool server then uses its embedded SQLite database.");
    }

    public static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs a short command to its end: its exit code and its output and errors together.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string program, IEnumerable<string> arguments, string? folder,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = folder ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await errors);
    }
}
