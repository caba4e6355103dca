using System.Collections.Concurrent;

namespace EnterpriseMcp.Gateway.Telemetry;

/// <summary>
/// The metric label of a caller or a client: its own name for the first <c>capacity</c> names this replica sees, then
/// <see cref="Other"/>, so that no number of callers, clients or made-up values grows the series without bound.
/// </summary>
internal sealed class CallerLabels(int capacity)
{
    public const string Other = "_other";

    /// <summary>No caller: an unauthenticated request, or development mode without tokens.</summary>
    public const string Anonymous = "_anonymous";

    // Longer values are not names a person reads on a dashboard; they would only make every series heavier.
    private const int MaxLength = 128;

    private readonly ConcurrentDictionary<string, string> _named = new(StringComparer.Ordinal);

    public string Of(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Anonymous;
        }

        if (_named.TryGetValue(value, out var label))
        {
            return label;
        }

        // Racing first sightings may pass the cap by a few (one per concurrent request), never by more.
        return _named.Count >= capacity || value.Length > MaxLength ? Other : _named.GetOrAdd(value, value);
    }
}
