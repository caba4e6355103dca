namespace EnterpriseMcp.Gateway.Telemetry;

/// <summary>
/// <c>Gateway:Telemetry</c>: how many callers and clients get a metric series of their own. Each one is a series per
/// backend and decision in Prometheus, so the label is capped: the first ones a replica sees keep their names, the rest
/// are folded into <c>_other</c>. A client id is the weaker bound of the two (dynamic client registration lets anyone
/// mint one), so its cap is smaller.
/// </summary>
public sealed class CallTelemetryOptions
{
    public const string SectionName = "Gateway:Telemetry";

    /// <summary>Callers (token subjects) labelled by name; default 1,000.</summary>
    public int MaxCallers { get; set; } = 1000;

    /// <summary>OAuth client ids labelled by name; default 100.</summary>
    public int MaxClients { get; set; } = 100;
}
