using System.Buffers;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>A JSON answer read whole, but never more than the backend's cap: refused from its length, or once it passes the cap.</summary>
internal static class BoundedBody
{
    private const int ChunkBytes = 16 * 1024;

    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } length && length > maxBytes)
        {
            throw new AnswerTooLargeException(maxBytes);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var body = new ArrayBufferWriter<byte>((int)Math.Min(content.Headers.ContentLength ?? ChunkBytes, maxBytes) + 1);
        while (true)
        {
            var read = await stream.ReadAsync(body.GetMemory(ChunkBytes), cancellationToken);
            if (read == 0)
            {
                return body.WrittenMemory;
            }

            body.Advance(read);
            if (body.WrittenCount > maxBytes)
            {
                throw new AnswerTooLargeException(maxBytes);
            }
        }
    }
}
