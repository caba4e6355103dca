using System.Globalization;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>
/// <c>EnterpriseMcp.Gateway apikeys create|list|revoke</c>: the administrator's command for API keys, run on the configuration
/// the gateway reads (appsettings, environment, and any <c>--Section:Key value</c> on the command line), so it reaches the
/// gateway's store. Exit codes: 0 done, 1 failed, 2 bad usage.
/// </summary>
public static class ApiKeyCommand
{
    private const string Usage = """
        Usage:
          apikeys create --name <name> [--scopes "<scope> ..."] [--roles "<role> ..."] [--expires <days>d|<hours>h|<yyyy-MM-dd>]
          apikeys list
          apikeys revoke <id>
        Any other --Section:Key value sets the gateway's configuration, e.g. --Gateway:ApiKeys:Path keys.db.
        """;

    private static readonly string[] CreateOptions = ["--name", "--scopes", "--roles", "--expires"];

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.FirstOrDefault() is not ("create" or "list" or "revoke"))
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        var verb = args[0];
        var (own, positional, configuration, problem) = Split(args[1..]);
        problem ??= verb switch
        {
            "create" when own.Keys.Except(CreateOptions).FirstOrDefault() is { } unknown => $"apikeys create does not take {unknown}.",
            "create" when positional.Count > 0 => $"apikeys create takes no argument '{positional[0]}'.",
            "create" when !own.TryGetValue("--name", out var name) || string.IsNullOrWhiteSpace(name) => "apikeys create needs --name: who the key is for (its callers' subject).",
            "create" when own["--name"].Any(char.IsWhiteSpace) => "The --name of a key may not hold spaces.",
            "list" when own.Count > 0 || positional.Count > 0 => "apikeys list takes no arguments.",
            "revoke" when own.Count > 0 || positional.Count != 1 => "apikeys revoke takes one argument: the id of the key.",
            _ => null,
        };
        if (problem is not null)
        {
            await errors.WriteLineAsync(problem);
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        await using var app = GatewayApp.Create([.. configuration], builder => builder.Logging.ClearProviders());
        var services = app.Services;
        ApiKeyOptions options;
        try
        {
            options = services.GetRequiredService<IOptions<ApiKeyOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            await errors.WriteLineAsync(string.Join(Environment.NewLine, e.Failures));
            return 1;
        }

        var store = services.GetRequiredService<IApiKeyStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        try
        {
            await store.OpenAsync(CancellationToken.None);
            return verb switch
            {
                "create" => await CreateAsync(store, own, options, now, output, errors),
                "list" => await ListAsync(store, output),
                _ => await RevokeAsync(store, positional[0], options, now, output, errors),
            };
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"The API key store could not be used: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> CreateAsync(IApiKeyStore store, Dictionary<string, string> own, ApiKeyOptions options, DateTimeOffset now,
        TextWriter output, TextWriter errors)
    {
        var expires = now + options.DefaultLifetime;
        if (own.TryGetValue("--expires", out var expiry) && !ApiKeyExpiry.TryParse(expiry, now, out expires))
        {
            await errors.WriteLineAsync($"--expires '{expiry}' is neither a lifetime (30d, 12h) nor a date (2027-01-31).");
            return 2;
        }

        if (expires <= now)
        {
            await errors.WriteLineAsync($"--expires {expiry} is in the past.");
            return 2;
        }

        var (id, text) = ApiKeyFormat.New();
        var key = new ApiKey(id, own["--name"], ListOf(own, "--scopes"), ListOf(own, "--roles"), now, expires);
        await store.AddAsync(key, ApiKeyFormat.Hash(text), CancellationToken.None);
        await output.WriteLineAsync($"id: {key.Id}");
        await output.WriteLineAsync($"name: {key.Name}");
        await output.WriteLineAsync($"expires: {Time(key.Expires)}");
        await output.WriteLineAsync($"key: {text}");
        await errors.WriteLineAsync("Store the key now: it is shown only this once, and the gateway keeps only its hash.");
        return 0;
    }

    private static async Task<int> ListAsync(IApiKeyStore store, TextWriter output)
    {
        string[] header = ["ID", "NAME", "SCOPES", "ROLES", "CREATED", "EXPIRES", "REVOKED", "LAST USED"];
        var rows = (await store.ListAsync(CancellationToken.None)).Select(key => new[]
        {
            key.Id, key.Name, Joined(key.Scopes), Joined(key.Roles), Time(key.Created), Time(key.Expires), Time(key.Revoked), Time(key.LastUsed),
        }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
        {
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }

        return 0;
    }

    private static async Task<int> RevokeAsync(IApiKeyStore store, string id, ApiKeyOptions options, DateTimeOffset now, TextWriter output, TextWriter errors)
    {
        if (await store.FindAsync(id, CancellationToken.None) is not { } stored)
        {
            await errors.WriteLineAsync($"There is no API key '{id}' (apikeys list shows the ids).");
            return 1;
        }

        if (stored.Key.Revoked is { } revoked)
        {
            await errors.WriteLineAsync($"API key '{id}' was revoked already, at {Time(revoked)}.");
            return 1;
        }

        await store.RevokeAsync(id, now, CancellationToken.None);
        await output.WriteLineAsync(
            $"Revoked API key '{id}' ({stored.Key.Name}). Gateways refuse it within {ApiKeyOptions.SectionName}:CacheSeconds ({options.CacheSeconds} s).");
        return 0;
    }

    /// <summary>The command's own options (<c>--name value</c>), its arguments, and the rest, which configure the gateway.</summary>
    private static (Dictionary<string, string> Own, List<string> Positional, List<string> Configuration, string? Problem) Split(string[] args)
    {
        var own = new Dictionary<string, string>(StringComparer.Ordinal);
        List<string> positional = [], configuration = [];
        for (var index = 0; index < args.Length; index++)
        {
            var arg = args[index];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
            }
            else if (arg.Contains('=', StringComparison.Ordinal))
            {
                configuration.Add(arg);
            }
            else if (index + 1 >= args.Length)
            {
                return (own, positional, configuration, $"{arg} needs a value.");
            }
            else if (CreateOptions.Contains(arg, StringComparer.Ordinal))
            {
                own[arg] = args[++index];
            }
            else
            {
                configuration.Add(arg);
                configuration.Add(args[++index]);
            }
        }

        return (own, positional, configuration, null);
    }

    private static string[] ListOf(Dictionary<string, string> own, string option) =>
        own.TryGetValue(option, out var text) ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];

    private static string Joined(IReadOnlyList<string> values) => values.Count == 0 ? "-" : string.Join(' ', values);

    private static string Time(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";
}
