using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>
/// Turns the SDK transport's SSE output into a single <c>application/json</c> answer: the one
/// response or error for the request. Progress and log notifications have nowhere to go in a JSON
/// answer and are dropped, as the transport spec allows.
/// </summary>
internal sealed class JsonResponseStream(HttpResponse response) : Stream
{
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] DataField = "data:"u8.ToArray();

    private readonly MemoryStream _pending = new();
    private bool _answered;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_answered)
        {
            return;
        }

        _pending.Write(buffer.Span);
        while (TakeEvent() is { } data)
        {
            if (IsAnswer(data))
            {
                _answered = true;
                response.ContentType = "application/json";
                response.ContentLength = data.Length;
                await response.Body.WriteAsync(data, cancellationToken);
                return;
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    // Headers must wait for the answer: committing them early would fix the status and content type.
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Removes one complete event from the buffer and returns its data, or null when none is complete.</summary>
    private byte[]? TakeEvent()
    {
        var buffered = _pending.GetBuffer().AsSpan(0, (int)_pending.Length);
        var end = buffered.IndexOf(EventEnd);
        if (end < 0)
        {
            return null;
        }

        var data = new List<byte>();
        foreach (var line in Encoding.UTF8.GetString(buffered[..end]).Split('\n'))
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.AddRange(Encoding.UTF8.GetBytes(line[DataField.Length..].TrimStart(' ')));
            }
        }

        var rest = buffered[(end + EventEnd.Length)..].ToArray();
        _pending.SetLength(0);
        _pending.Write(rest);
        return [.. data];
    }

    /// <summary>A JSON-RPC answer has an id and no method; requests and notifications have a method.</summary>
    private static bool IsAnswer(byte[] data)
    {
        if (data.Length == 0)
        {
            return false;
        }

        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("method"))
            {
                return false;
            }

            reader.Read();
            reader.Skip();
        }

        return true;
    }
}
