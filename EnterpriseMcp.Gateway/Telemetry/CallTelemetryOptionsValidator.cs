using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Telemetry;

/// <summary>Every problem of <c>Gateway:Telemetry</c> at once, each naming its key.</summary>
internal sealed class CallTelemetryOptionsValidator : IValidateOptions<CallTelemetryOptions>
{
    // Beyond this a Prometheus server holds more of one gateway's caller series than of everything else together.
    private const int Ceiling = 100_000;

    public ValidateOptionsResult Validate(string? name, CallTelemetryOptions options)
    {
        var problems = new List<string>();
        Check(problems, nameof(options.MaxCallers), options.MaxCallers);
        Check(problems, nameof(options.MaxClients), options.MaxClients);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Check(List<string> problems, string key, int value)
    {
        if (value is < 0 or > Ceiling)
        {
            problems.Add($"{CallTelemetryOptions.SectionName}:{key} must be between 0 and {Ceiling} (it is {value}); 0 folds every one into '{CallerLabels.Other}'.");
        }
    }
}
