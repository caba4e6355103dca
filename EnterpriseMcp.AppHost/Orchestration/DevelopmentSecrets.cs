using System.Security.Cryptography;
using System.Text.Json;

namespace EnterpriseMcp.AppHost.Orchestration;

/// <summary>
/// The secrets only the system's own parts share (the gateway's client secret at the identity server, PostgreSQL's
/// passwords): generated on first start, kept in the data folder readable by its owner only, and handed to each part
/// in its environment.
/// </summary>
public sealed class DevelopmentSecrets
{
    public const string GatewayClient = "mcp-gateway";
    public const string PostgresSuperuser = "postgres";
    public const string PostgresApp = "mcp_app";
    private const string FileName = "secrets.json";

    private readonly Dictionary<string, string> _secrets;

    private DevelopmentSecrets(Dictionary<string, string> secrets) => _secrets = secrets;

    public string this[string name] => _secrets[name];

    public static DevelopmentSecrets LoadOrCreate(string dataFolder)
    {
        var file = Path.Combine(dataFolder, FileName);
        var secrets = File.Exists(file)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) ?? []
            : [];
        var added = false;
        foreach (var name in new[] { GatewayClient, PostgresSuperuser, PostgresApp })
        {
            if (!secrets.ContainsKey(name))
            {
                secrets[name] = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
                added = true;
            }
        }

        if (added)
        {
            var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(file, fileOptions);
            JsonSerializer.Serialize(stream, secrets);
        }

        return new DevelopmentSecrets(secrets);
    }
}
