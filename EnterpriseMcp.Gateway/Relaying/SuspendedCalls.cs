using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace EnterpriseMcp.Gateway.Relaying;

/// <summary>
/// The suspended calls waiting for a client's retry, under a random handle that travels as the
/// input-required result's <c>requestState</c>. Each is bound to the user who started it and leaves
/// when its backend call ends (the backend's timeout bounds how long one can wait).
/// Held by this replica: a retry reaching another replica finds nothing and is told so.
/// </summary>
internal sealed class SuspendedCalls
{
    public const string StatePrefix = "gateway-suspended:";

    private readonly ConcurrentDictionary<string, SuspendedCall> _calls = new(StringComparer.Ordinal);

    public int Count => _calls.Count;

    public static bool IsOurs(string? requestState) => requestState?.StartsWith(StatePrefix, StringComparison.Ordinal) == true;

    public string Park(SuspendedCall call)
    {
        var handle = StatePrefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        if (_calls.TryAdd(handle, call))
        {
            call.Backend.ContinueWith(_ => _calls.TryRemove(handle, out SuspendedCall? _), TaskScheduler.Default);
        }

        return handle;
    }

    /// <summary>Takes the call back for its next round, if it is still waiting and belongs to this user.</summary>
    public bool TryResume(string handle, string? userKey, out SuspendedCall call)
    {
        if (_calls.TryGetValue(handle, out call!) && call.UserKey == userKey)
        {
            return _calls.TryRemove(handle, out call!);
        }

        call = null!;
        return false;
    }
}
