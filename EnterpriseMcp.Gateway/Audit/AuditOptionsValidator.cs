using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>Checks <c>Gateway:Audit</c>'s retention settings, every problem at once, each naming its key.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    private const string Section = AuditOptions.SectionName;
    private const int MinKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var problems = new List<string>();
        if (options.RetentionDays is < 1)
        {
            problems.Add($"{Section}:RetentionDays must be at least 1 (it is {options.RetentionDays}); leave it unset to keep every record.");
        }

        if (options.RetentionSweepInterval <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:RetentionSweepInterval must be positive (it is {options.RetentionSweepInterval}).");
        }

        if (options.CheckpointKey is { Length: > 0 } key)
        {
            var bytes = new byte[key.Length];
            if (!Convert.TryFromBase64String(key, bytes, out var length) || length < MinKeyBytes)
            {
                problems.Add($"{Section}:CheckpointKey must be base64 of at least {MinKeyBytes} random bytes (e.g. openssl rand -base64 32).");
            }
        }
        else if (options.RetentionDays is not null)
        {
            // Without a signed checkpoint, removing old records could not be told apart from deleting evidence.
            problems.Add($"{Section}:CheckpointKey is required when {Section}:RetentionDays is set: it signs the checkpoint that "
                + "retention leaves where it removed records (base64 of at least 32 random bytes, e.g. openssl rand -base64 32).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
