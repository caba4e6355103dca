using System.Collections.Concurrent;
using System.Security.Cryptography;
using ModelContextProtocol;

namespace EnterpriseMcp.Gateway.Relaying;

/// <summary>
/// The suspended calls waiting for a client's retry, under a random handle that travels as the
/// input-required result's <c>requestState</c>. Each is bound to the user who started it and leaves
/// when its backend call ends (the backend's timeout bounds how long one can wait).
/// Held by this replica, whose id the handle carries: a retry reaching another replica is sent on to this one
/// (<see cref="ScaleOut.SuspendedCallRouter"/>).
/// </summary>
internal sealed class SuspendedCalls(EnterpriseMcp.Hosting.ScaleOut.ReplicaIdentity replica)
{
    public const string StatePrefix = "gateway-suspended:";

    private readonly ConcurrentDictionary<string, SuspendedCall> _calls = new(StringComparer.Ordinal);

    public int Count => _calls.Count;

    public static bool IsOurs(string? requestState) => requestState?.StartsWith(StatePrefix, StringComparison.Ordinal) == true;

    /// <summary>Whether this replica holds the call a handle names (or held it: it may have ended).</summary>
    public bool HoldsHere(string handle) => ReplicaOf(handle) == replica.Id;

    /// <summary>The replica a handle names: "gateway-suspended:{replica}.{random}".</summary>
    public static string ReplicaOf(string handle)
    {
        var dot = handle.IndexOf('.', StatePrefix.Length);
        return dot < 0 ? "" : handle[StatePrefix.Length..dot];
    }

    public string Park(SuspendedCall call)
    {
        var handle = $"{StatePrefix}{replica.Id}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}";
        if (_calls.TryAdd(handle, call))
        {
            call.Backend.ContinueWith(_ => _calls.TryRemove(handle, out SuspendedCall? _), TaskScheduler.Default);
        }

        return handle;
    }

    /// <summary>
    /// Takes the call back for its next round, if it is still waiting, belongs to this user and is to the retry's
    /// <paramref name="target"/>; a retry to another target leaves it waiting.
    /// </summary>
    public SuspendedCall Resume(string handle, string? userKey, string target)
    {
        if (!_calls.TryGetValue(handle, out var call) || call.UserKey != userKey)
        {
            throw new McpProtocolException(
                "The requestState names no call waiting for input here: it expired, was answered already, or belongs to someone else.",
                McpErrorCode.InvalidParams);
        }

        if (call.Target != target)
        {
            throw new McpProtocolException(
                "The requestState belongs to a call to another tool, prompt or resource: retry with the name of the call that asked for input.",
                McpErrorCode.InvalidParams);
        }

        return _calls.TryRemove(handle, out call)
            ? call
            : throw new McpProtocolException("The requestState's call was answered already.", McpErrorCode.InvalidParams);
    }
}
