namespace EnterpriseMcp.Gateway.Admin;

/// <summary>
/// The gateway's administrator commands, run as <c>EnterpriseMcp.Gateway &lt;command&gt; ...</c> on the configuration the
/// gateway itself would read (appsettings, environment, command line), so they reach the same stores.
/// </summary>
internal static class AdminCommands
{
    /// <summary>The command <paramref name="args"/> name, given the arguments after its name; null when they name none and the gateway should run.</summary>
    public static Func<string[], Task<int>>? Find(string[] args) => args.FirstOrDefault() switch
    {
        "apikeys" => ApiKeys.ApiKeyCommand.RunAsync,
        "audit" => Audit.AuditCommand.RunAsync,
        _ => null,
    };
}
