namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// The audit of calls (<c>Gateway:Audit</c>): every request that names a tool, prompt or resource, allowed or refused,
/// kept in SQLite at <see cref="Path"/> or, when <c>ConnectionStrings:audit</c> is set, in PostgreSQL.
/// </summary>
public sealed class AuditOptions
{
    public const string SectionName = "Gateway:Audit";

    public bool Enabled { get; set; } = true;

    /// <summary>The SQLite file; by default <c>.data/audit.db</c> in the gateway's content root.</summary>
    public string? Path { get; set; }

    /// <summary>What happens to a call when its record cannot be kept: refused with 503 (<c>Closed</c>), or let through
    /// with the gap counted and logged (<c>Open</c>).</summary>
    public AuditFailureMode FailureMode { get; set; } = AuditFailureMode.Closed;
}

public enum AuditFailureMode
{
    Closed,
    Open,
}
