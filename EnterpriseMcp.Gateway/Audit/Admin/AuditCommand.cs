using System.Data.Common;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// <c>EnterpriseMcp.Gateway audit ...</c>: verify, query, export or prune the audit log from a shell, on the store the
/// gateway's configuration names. It builds the gateway's application to read that configuration exactly as the gateway
/// would, but never starts it: the gateway need not be running, and may be.
/// </summary>
internal static partial class AuditCommand
{
    public const int Done = 0;
    public const int Broken = 1;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        await using var output = Console.OpenStandardOutput();
        return await RunAsync(args, output, Console.Error, CancellationToken.None);
    }

    /// <summary>Runs the command, writing its result to <paramref name="output"/> and problems to <paramref name="errors"/>.</summary>
    public static async Task<int> RunAsync(string[] args, Stream output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (!AuditCommandLine.TryParse(args, out var line, out var problem))
        {
            await errors.WriteLineAsync($"{problem}\n{AuditCommandLine.Usage}");
            return UsageError;
        }

        if (OptionProblemOf(line!) is { } misplaced)
        {
            await errors.WriteLineAsync($"{misplaced}\n{AuditCommandLine.Usage}");
            return UsageError;
        }

        var isQuery = line!.Subcommand == "query";
        if (!AuditQuery.TryParse(name => line.Options.GetValueOrDefault(name), isQuery ? AuditQuery.DefaultLimit : null,
                isQuery ? AuditQuery.MaxLimit : int.MaxValue, out var query, out problem))
        {
            await errors.WriteLineAsync($"{problem}\n{AuditCommandLine.Usage}");
            return UsageError;
        }

        WebApplication? app = null;
        AuditOptions options;
        try
        {
            // Building the gateway resolves some of its services, and so validates their settings.
            app = GatewayApp.Create(line.Configuration, builder => builder.Logging.ClearProviders());
            options = app.Services.GetRequiredService<IOptions<AuditOptions>>().Value;
        }
        catch (OptionsValidationException invalid)
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            await errors.WriteLineAsync($"The configuration is not valid: {string.Join(" ", invalid.Failures)}");
            return UsageError;
        }

        await using var built = app;
        if (line.Subcommand == "prune" && options.RetentionDays is null)
        {
            await errors.WriteLineAsync($"{AuditOptions.SectionName}:RetentionDays is not set, so every record is kept and none is removed.");
            return UsageError;
        }

        await using var store = AuditTrail.StoreOf(options, app.Services.GetRequiredService<IConfiguration>(), app.Services.GetRequiredService<IHostEnvironment>());
        // Opening a file that is not there would create an empty log, and report it intact.
        if (store is SqliteAuditStore { FilePath: var path } && !File.Exists(path))
        {
            await errors.WriteLineAsync($"There is no audit log at {path} (set {AuditOptions.SectionName}:Path, or ConnectionStrings:audit).");
            return UsageError;
        }

        var trail = app.Services.GetRequiredService<AuditTrail>();
        try
        {
            await store.OpenAsync(cancellationToken);
            return line.Subcommand switch
            {
                "verify" => await VerifyAsync(trail, store, output, cancellationToken),
                "query" => await QueryAsync(store, query, line.Json, output, cancellationToken),
                "export" => await ExportAsync(store, query, line.Options.GetValueOrDefault("output"), output, cancellationToken),
                _ => await PruneAsync(trail, store, output, cancellationToken),
            };
        }
        catch (DbException failure)
        {
            await errors.WriteLineAsync($"The audit store could not be read: {failure.Message}");
            return Broken;
        }
    }

    private static string? OptionProblemOf(AuditCommandLine line)
    {
        var filters = line.Options.Keys.Where(key => key != "output").ToList();
        return line.Subcommand switch
        {
            "verify" or "prune" when filters.Count > 0 || line.Options.ContainsKey("output") || line.Json =>
                $"audit {line.Subcommand} takes no filters or output options.",
            "query" when line.Options.ContainsKey("output") => "audit query writes to standard output; use audit export --output for a file.",
            "export" when line.Json => "audit export always writes JSON lines; --json is for audit query.",
            _ => null,
        };
    }

    private static async Task<int> VerifyAsync(AuditTrail trail, IAuditStore store, Stream output, CancellationToken cancellationToken)
    {
        var verification = await trail.VerifyAsync(store, cancellationToken);
        await using var text = new StreamWriter(output, leaveOpen: true);
        await text.WriteLineAsync(verification.Intact
            ? $"Intact: {verification.Checked} record(s) checked{AfterCheckpoint(verification)}."
            : $"Broken at record {verification.BrokenAt}: {verification.Problem} ({verification.Checked} record(s) checked before it{AfterCheckpoint(verification)}.)");
        return verification.Intact ? Done : Broken;
    }

    private static string AfterCheckpoint(AuditVerification verification) =>
        verification.Checkpoint is { } sequence ? $", after the checkpoint at record {sequence}" : "";

    private static async Task<int> PruneAsync(AuditTrail trail, IAuditStore store, Stream output, CancellationToken cancellationToken)
    {
        var result = await trail.PruneAsync(store, cancellationToken);
        await using var text = new StreamWriter(output, leaveOpen: true);
        await text.WriteLineAsync(result.Checkpoint is { } checkpoint
            ? $"Removed {result.Removed} record(s), through record {checkpoint.Sequence}; the checkpoint there is signed."
            : "No record was removed.");
        if (result.Problem is { } problem)
        {
            await text.WriteLineAsync(problem);
            return Broken;
        }

        return Done;
    }
}
