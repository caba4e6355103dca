namespace EnterpriseMcp.Gateway.Resilience;

/// <summary>What a replica tells the others of a circuit: its own id, the state, the backend; one line each, the backend last.</summary>
internal sealed record CircuitMessage(string Replica, CircuitState State, string Backend)
{
    public static string Write(string replica, CircuitState state, string backend) => $"{replica}\n{state}\n{backend}";

    /// <summary>Null for a message this version does not understand (another version's, say): it is ignored.</summary>
    public static CircuitMessage? Read(string? message) =>
        message?.Split('\n', 3) is [var replica, var state, var backend]
        && Enum.TryParse<CircuitState>(state, out var parsed) && parsed is CircuitState.Open or CircuitState.Closed
            ? new CircuitMessage(replica, parsed, backend)
            : null;
}
