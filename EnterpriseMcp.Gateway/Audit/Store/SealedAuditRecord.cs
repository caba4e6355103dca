namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// A record as stored: its place in the log (<paramref name="Sequence"/>, from 1 without gaps), its JSON
/// (<paramref name="Body"/>, <see cref="AuditJson"/>), the hash of the record before it and its own. The columns a query
/// filters on (time, subject, name, outcome) are copies of the body's values.
/// </summary>
public sealed record SealedAuditRecord(long Sequence, DateTimeOffset Time, string? Subject, string? Name, AuditOutcome Outcome,
    string Body, byte[] PreviousHash, byte[] Hash);

/// <summary>The end of the chain: the last record's sequence number and hash (0 and the genesis hash for an empty log).</summary>
public sealed record AuditChainEnd(long Sequence, byte[] Hash);

/// <summary>A record waiting to be stored, with its JSON: the store seals it into the chain inside its transaction.</summary>
public sealed record PendingAuditRecord(AuditRecord Record, string Body);
