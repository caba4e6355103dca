using EnterpriseMcp.Gateway.ApiKeys;
using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EnterpriseMcp.Gateway.Tests.ApiKeys;

/// <summary>
/// The secured platform with API keys read afresh on every request (<c>CacheSeconds</c> 0, so a revocation shows at once),
/// keys made by the administrator's command on the gateway's own data folder, and the gateway's audit read back.
/// </summary>
public sealed class ApiKeyPlatform : SecuredPlatform
{
    protected override IReadOnlyDictionary<string, string?> GatewaySettings => new Dictionary<string, string?>
    {
        ["Gateway:ApiKeys:CacheSeconds"] = "0",
    };

    public string ContentRoot => Gateway.Services.GetRequiredService<IHostEnvironment>().ContentRootPath;

    public string StorePath => Path.Combine(ContentRoot, ".data", "apikeys.db");

    public IApiKeyStore Store => Gateway.Services.GetRequiredService<IApiKeyStore>();

    /// <summary>A key made by <c>apikeys create</c> on the gateway's content root: its id and its text.</summary>
    public async Task<(string Id, string Text)> CreateKeyAsync(string name, string scopes, string roles)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await ApiKeyCommand.RunAsync(["create", "--name", name, "--scopes", scopes, "--roles", roles, "--contentRoot", ContentRoot], output, errors);
        Assert.True(exit == 0, errors.ToString());
        var lines = output.ToString().Split(Environment.NewLine).Select(line => line.Split(": ", 2)).Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
        return (lines["id"], lines["key"]);
    }

    public async Task<List<AuditRecord>> AuditRecordsAsync()
    {
        await using var store = new SqliteAuditStore(Path.Combine(ContentRoot, ".data", "audit.db"));
        await store.OpenAsync(TestContext.Current.CancellationToken);
        var records = new List<AuditRecord>();
        await foreach (var stored in store.ReadAsync(1, TestContext.Current.CancellationToken))
        {
            records.Add(AuditChain.RecordOf(stored.Body)!);
        }

        return records;
    }
}
