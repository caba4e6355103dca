namespace EnterpriseMcp.Conformance.Server;

/// <summary>What the fixture observed, for tests that cannot see it on the wire.</summary>
public static class FixtureProbes
{
    private static int s_slowEchoCancellations;

    /// <summary>How many <c>slow_echo</c> calls were cancelled before their delay elapsed.</summary>
    public static int SlowEchoCancellations => Volatile.Read(ref s_slowEchoCancellations);

    internal static void RecordSlowEchoCancellation() => Interlocked.Increment(ref s_slowEchoCancellations);
}
