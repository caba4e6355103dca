namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// What the audit keeps of a request's arguments (<c>Gateway:Audit:Redaction</c>): values classified <c>Secret</c> are
/// erased, values classified <c>Personal</c> are replaced by a keyed hash (the same value gives the same hash, so an
/// investigation can follow it across records without reading it), and the whole is cut at a size.
/// </summary>
public sealed class AuditRedactionOptions
{
    public const string SectionName = "Gateway:Audit:Redaction";

    /// <summary>Argument names (any depth; case, <c>-</c> and <c>_</c> ignored) whose values are erased. Configured names add to these.</summary>
    public List<string> SecretKeys { get; set; } =
    [
        "password", "passwd", "secret", "token", "accessToken", "refreshToken", "idToken", "apiKey", "authorization",
        "clientSecret", "privateKey", "credentials", "cookie",
    ];

    /// <summary>Argument names whose values are hashed. Configured names add to these.</summary>
    public List<string> PersonalKeys { get; set; } = ["email", "phone", "phoneNumber"];

    /// <summary>
    /// Patterns found inside any string value, by name: the matching text is erased (<c>Secret</c>) or hashed
    /// (<c>Personal</c>). Configured patterns add to the defaults (a default is changed by giving its name): e-mail
    /// addresses (Personal), JSON Web Tokens, bearer credentials and the gateway's API keys (Secret).
    /// </summary>
    public Dictionary<string, AuditPatternOptions> Patterns { get; set; } = new(StringComparer.Ordinal)
    {
        ["email"] = new() { Regex = @"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", Class = AuditDataClass.Personal },
        ["jwt"] = new() { Regex = @"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*", Class = AuditDataClass.Secret },
        ["bearer"] = new() { Regex = @"(?i)\bbearer\s+[A-Za-z0-9._~+/-]{16,}=*", Class = AuditDataClass.Secret },
        ["api-key"] = new() { Regex = @"emk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}", Class = AuditDataClass.Secret },
    };

    /// <summary>The HMAC key of <c>Personal</c> hashes, base64, at least 44 characters; without one they are erased too.</summary>
    public string? HashKey { get; set; }

    /// <summary>Which key made a hash (written before it), so that hashes stay comparable across a key change.</summary>
    public int HashKeyId { get; set; } = 1;

    /// <summary>The most of the arguments kept, as JSON bytes; larger arguments are recorded by their size only.</summary>
    public int MaxArgumentBytes { get; set; } = 16 * 1024;
}

public sealed class AuditPatternOptions
{
    public string Regex { get; set; } = "";

    public AuditDataClass Class { get; set; } = AuditDataClass.Secret;
}

/// <summary>How sensitive a value is, which says what the audit keeps of it.</summary>
public enum AuditDataClass
{
    /// <summary>Never stored: erased.</summary>
    Secret,

    /// <summary>Stored as a keyed hash.</summary>
    Personal,
}
