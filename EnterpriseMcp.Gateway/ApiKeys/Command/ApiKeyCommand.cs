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
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var line = ApiKeyCommandLine.Parse(args);
        if (line.Problem is not null)
        {
            await errors.WriteLineAsync(line.Problem);
            await errors.WriteLineAsync(ApiKeyCommandLine.Usage);
            return 2;
        }

        await using var app = GatewayApp.Create([.. line.Configuration], builder => builder.Logging.ClearProviders());
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
            return line.Verb switch
            {
                "create" => await CreateAsync(store, line, options, now, output, errors),
                "list" => await ListAsync(store, output),
                _ => await RevokeAsync(store, line.Arguments[0], options, now, output, errors),
            };
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"The API key store could not be used: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> CreateAsync(IApiKeyStore store, ApiKeyCommandLine line, ApiKeyOptions options, DateTimeOffset now,
        TextWriter output, TextWriter errors)
    {
        var expires = now + options.DefaultLifetime;
        if (line.Options.TryGetValue("--expires", out var expiry) && !ApiKeyExpiry.TryParse(expiry, now, out expires))
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
        var key = new ApiKey(id, line.Options["--name"], line.ListOf("--scopes"), line.ListOf("--roles"), now, expires);
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

    private static string Joined(IReadOnlyList<string> values) => values.Count == 0 ? "-" : string.Join(' ', values);

    private static string Time(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";
}
