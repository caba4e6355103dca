namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// The arguments of <c>audit &lt;verify|query|export|prune&gt;</c>: the subcommand, its options (the filters by the
/// endpoint's names, <c>--json</c>, <c>--output</c>) and the rest, which goes to the configuration as the gateway's own
/// command line would (<c>--Gateway:Audit:Path=...</c>, <c>--contentRoot</c>, <c>--environment</c>).
/// </summary>
internal sealed record AuditCommandLine(string Subcommand, Dictionary<string, string> Options, bool Json, string[] Configuration)
{
    public static readonly string[] Subcommands = ["verify", "query", "export", "prune"];

    public const string Usage = """
        Usage: EnterpriseMcp.Gateway audit <command> [options] [configuration]
          verify                       check the chain (from the newest checkpoint); exit 1 when it is broken
          query  [filters] [--json]    a page of records as a table (or JSON lines); --after the cursor it prints for the next
          export [filters] [--output <file>]
                                       every matching record as JSON lines, to the file or standard output
          prune                        remove the records older than Gateway:Audit:RetentionDays, leaving a signed checkpoint
        Filters: --user <subject> --tool <name> --outcome <Allowed|Denied|Limited|Failed>
                 --from <time> --to <time> (ISO 8601, UTC unless an offset is given) --after <sequence> --limit <n>
        Configuration: as the gateway reads it (appsettings, environment), plus options whose key has a ':' such as
                 --Gateway:Audit:Path=<file> or --ConnectionStrings:audit=<connection string>, --contentRoot, --environment.
        """;

    private static readonly string[] HostOptions = ["contentRoot", "environment", "applicationName"];

    public static bool TryParse(string[] args, out AuditCommandLine? line, out string? problem)
    {
        (line, problem) = (null, null);
        if (args.FirstOrDefault() is not { } subcommand || !Subcommands.Contains(subcommand, StringComparer.Ordinal))
        {
            problem = args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal)
                ? "No audit command given."
                : $"Unknown audit command '{args[0]}'.";
            return false;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var configuration = new List<string>();
        var json = false;
        for (var index = 1; index < args.Length; index++)
        {
            var argument = args[index];
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
            {
                problem = $"Unexpected argument '{argument}': options start with --.";
                return false;
            }

            var (key, value) = argument.IndexOf('=', StringComparison.Ordinal) is var equals and > 0
                ? (argument[2..equals], argument[(equals + 1)..])
                : (argument[2..], null);
            if (key == "json" && value is null)
            {
                json = true;
                continue;
            }

            if (value is null)
            {
                if (index + 1 >= args.Length || args[index + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    problem = $"The option --{key} needs a value.";
                    return false;
                }

                value = args[++index];
            }

            if (AuditQuery.Parameters.Contains(key, StringComparer.Ordinal) || key == "output")
            {
                options[key] = value;
            }
            else if (key.Contains(':', StringComparison.Ordinal) || HostOptions.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                configuration.Add($"--{key}={value}");
            }
            else
            {
                problem = $"Unknown option --{key}.";
                return false;
            }
        }

        line = new AuditCommandLine(subcommand, options, json, [.. configuration]);
        return true;
    }
}
