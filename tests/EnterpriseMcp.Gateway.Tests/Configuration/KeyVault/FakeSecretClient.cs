using Azure;
using Azure.Security.KeyVault.Secrets;

namespace EnterpriseMcp.Gateway.Tests.Configuration.KeyVault;

/// <summary>A vault in memory: the SDK's client is mockable (a protected constructor, virtual calls).</summary>
internal sealed class FakeSecretClient(IReadOnlyDictionary<string, string> secrets, int? failWith = null) : SecretClient
{
    public List<string> Reads { get; } = [];

    public override Response<KeyVaultSecret> GetSecret(string name, string? version = null, CancellationToken cancellationToken = default)
    {
        Reads.Add(name);
        if (failWith is { } status)
        {
            throw new RequestFailedException(status, $"Status {status} from the fake vault");
        }

        if (!secrets.TryGetValue(name, out var value))
        {
            throw new RequestFailedException(404, $"A secret with (name/id) {name} was not found in this key vault.");
        }

        // The response itself is never read by the provider, only its value.
        return Response.FromValue(SecretModelFactory.KeyVaultSecret(new SecretProperties(name), value), null!);
    }
}
