using System.Text.Json;

namespace EnterpriseMcp.AppHost.Orchestration;

/// <summary>
/// Where a running system answers (<c>apphost.json</c> in its data folder), so that <c>token</c> finds the identity
/// server and the gateway whatever ports they got, and a second AppHost on the same data folder knows the first.
/// Removed when the system stops.
/// </summary>
public sealed record SystemStateFile(string GatewayUrl, string Issuer, int ProcessId)
{
    private const string FileName = "apphost.json";

    public static string PathIn(string dataFolder) => Path.Combine(dataFolder, FileName);

    public void Write(string dataFolder) => File.WriteAllText(PathIn(dataFolder), JsonSerializer.Serialize(this));

    public static SystemStateFile? Read(string dataFolder)
    {
        try
        {
            return JsonSerializer.Deserialize<SystemStateFile>(File.ReadAllText(PathIn(dataFolder)));
        }
        catch (Exception error) when (error is IOException or JsonException)
        {
            return null;
        }
    }

    public static void Delete(string dataFolder) => File.Delete(PathIn(dataFolder));
}
