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

    /// <summary>How many days records are kept; none (the default) keeps every record.</summary>
    public int? RetentionDays { get; set; }

    /// <summary>How often the gateway removes the records older than <see cref="RetentionDays"/>.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The HMAC-SHA256 key (base64, at least 32 bytes) that signs the checkpoint retention leaves where it removed
    /// records, and that verification checks it with; required with <see cref="RetentionDays"/>. A secret of the
    /// configuration, never written to the audit store.
    /// </summary>
    public string? CheckpointKey { get; set; }

    /// <summary><see cref="CheckpointKey"/>'s bytes (the validator has checked it is base64), or null.</summary>
    internal byte[]? CheckpointKeyBytes() => CheckpointKey is { Length: > 0 } key ? Convert.FromBase64String(key) : null;
}

public enum AuditFailureMode
{
    Closed,
    Open,
}
