namespace EnterpriseMcp.Gateway.Backends;

/// <summary>
/// A backend's answer, or one event of its stream, is larger than <c>Gateway:Backends:{name}:MaxAnswerBytes</c>. Read no
/// further: the gateway would otherwise hold whatever a backend sends, for every caller at once.
/// </summary>
internal sealed class AnswerTooLargeException(long maxBytes)
    : IOException($"the answer is larger than {maxBytes} bytes.")
{
    public long MaxBytes => maxBytes;
}
