using System.Security.Cryptography;

namespace EnterpriseMcp.Hosting.ScaleOut;

/// <summary>This process among the gateway's replicas: a random id, new at every start, so a restarted replica is a new one.</summary>
public sealed class ReplicaIdentity
{
    public string Id { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
