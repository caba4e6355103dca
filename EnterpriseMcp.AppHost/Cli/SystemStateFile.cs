using System.Text.Json;

namespace EnterpriseMcp.AppHost.Cli;

/// <summary>
/// Where a running AppHost's system answers (<c>apphost.json</c> in its data folder), so that <c>token</c> finds the
/// identity server and the gateway whatever ports they got. Removed when the AppHost stops.
/// </summary>
public sealed record SystemStateFile(string GatewayUrl, string Issuer, int ProcessId)
{
    private const string FileName = "apphost.json";

    public static string PathIn(string dataFolder) => Path.Combine(dataFolder, FileName);

    public void Write(string dataFolder) => File.WriteAllText(PathIn(dataFolder), JsonSerializer.Serialize(this));

    public static SystemStateFile? Read(string dataFolder) =>
        File.Exists(PathIn(dataFolder)) ? JsonSerializer.Deserialize<SystemStateFile>(File.ReadAllText(PathIn(dataFolder))) : null;

    public static void Delete(string dataFolder) => File.Delete(PathIn(dataFolder));
}
