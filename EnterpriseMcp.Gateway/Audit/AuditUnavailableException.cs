namespace EnterpriseMcp.Gateway.Audit;

/// <summary>A record could not be made durable: the call it records must not be answered as if it had been audited.</summary>
public sealed class AuditUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
