using Microsoft.Extensions.Compliance.Redaction;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>Erases a value but says that there was one: <c>[redacted]</c>, where an empty string would read as an empty argument.</summary>
internal sealed class RedactedMarker : Redactor
{
    public const string Text = "[redacted]";

    public override int GetRedactedLength(ReadOnlySpan<char> input) => Text.Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        Text.AsSpan().CopyTo(destination);
        return Text.Length;
    }
}
