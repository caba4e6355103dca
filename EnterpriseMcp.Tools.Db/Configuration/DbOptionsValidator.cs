using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Tools.Db.Configuration;

/// <summary>Every wrong <c>Db</c> setting at start-up, each naming its key.</summary>
internal sealed class DbOptionsValidator : IValidateOptions<DbOptions>
{
    public ValidateOptionsResult Validate(string? name, DbOptions options)
    {
        var failures = new List<string>();
        var prefix = DbOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.EmbeddedDatabasePath))
        {
            failures.Add($"{prefix}:{nameof(options.EmbeddedDatabasePath)} must name a file.");
        }

        if (options.StatementTimeout <= TimeSpan.Zero || options.StatementTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{prefix}:{nameof(options.StatementTimeout)} must be between 00:00:00.001 and 01:00:00.");
        }

        if (options.MaxRows < 1 || options.MaxRows > 100_000)
        {
            failures.Add($"{prefix}:{nameof(options.MaxRows)} must be between 1 and 100000.");
        }

        if (options.DefaultMaxRows < 1 || options.DefaultMaxRows > options.MaxRows)
        {
            failures.Add($"{prefix}:{nameof(options.DefaultMaxRows)} must be between 1 and {prefix}:{nameof(options.MaxRows)}.");
        }

        if (options.MaxResultBytes < 1024)
        {
            failures.Add($"{prefix}:{nameof(options.MaxResultBytes)} must be at least 1024.");
        }

        if (options.MaxValueBytes < 1024 || options.MaxValueBytes > 1_000_000_000)
        {
            failures.Add($"{prefix}:{nameof(options.MaxValueBytes)} must be between 1024 and 1000000000.");
        }

        if (options.ReadOnlyRole is { Length: > 0 } role && !role.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            failures.Add($"{prefix}:{nameof(options.ReadOnlyRole)} must be a plain role name (letters, digits, _).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
