namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>
/// The arguments of <c>apikeys</c>: its verb, its own options and arguments, what is wrong with them (null: nothing), and
/// the rest (<c>--Section:Key value</c>, <c>--contentRoot</c>), which configure the gateway the command runs on.
/// </summary>
internal sealed record ApiKeyCommandLine(string Verb, IReadOnlyDictionary<string, string> Options, IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Configuration, string? Problem)
{
    public const string Usage = """
        Usage:
          apikeys create --name <name> [--scopes "<scope> ..."] [--roles "<role> ..."] [--expires <days>d|<hours>h|<yyyy-MM-dd>]
          apikeys list
          apikeys revoke <id>
        Any other --Section:Key value sets the gateway's configuration, e.g. --Gateway:ApiKeys:Path keys.db.
        """;

    private static readonly string[] CreateOptions = ["--name", "--scopes", "--roles", "--expires"];

    public static ApiKeyCommandLine Parse(string[] args)
    {
        var verb = args.FirstOrDefault() ?? "";
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        List<string> arguments = [], configuration = [];
        string? problem = verb is "create" or "list" or "revoke" ? null : $"'{verb}' is not an apikeys command.";
        for (var index = 1; index < args.Length && problem is null; index++)
        {
            var arg = args[index];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                arguments.Add(arg);
            }
            else if (arg.Contains('=', StringComparison.Ordinal))
            {
                configuration.Add(arg);
            }
            else if (index + 1 >= args.Length)
            {
                problem = $"{arg} needs a value.";
            }
            else if (CreateOptions.Contains(arg, StringComparer.Ordinal))
            {
                options[arg] = args[++index];
            }
            else
            {
                configuration.Add(arg);
                configuration.Add(args[++index]);
            }
        }

        problem ??= verb switch
        {
            "create" when arguments.Count > 0 => $"apikeys create takes no argument '{arguments[0]}'.",
            "create" when !options.TryGetValue("--name", out var name) || string.IsNullOrWhiteSpace(name) => "apikeys create needs --name: who the key is for (its callers' subject).",
            "create" when options["--name"].Any(char.IsWhiteSpace) => "The --name of a key may not hold spaces.",
            "list" when options.Count > 0 || arguments.Count > 0 => "apikeys list takes no arguments.",
            "revoke" when options.Count > 0 || arguments.Count != 1 => "apikeys revoke takes one argument: the id of the key.",
            _ => null,
        };
        return new ApiKeyCommandLine(verb, options, arguments, configuration, problem);
    }

    /// <summary>The space-separated values of <paramref name="option"/>; none when it is not given.</summary>
    public string[] ListOf(string option) =>
        Options.TryGetValue(option, out var text) ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
}
