using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>One server-sent event: its data lines joined (UTF-8), its id and retry hint if it had them.</summary>
internal readonly record struct SseEvent(ReadOnlyMemory<byte> Data, string? Id, int? RetryMilliseconds);

/// <summary>
/// Reads server-sent events from a response body as they arrive, as UTF-8 bytes (no detour through strings). An event,
/// or a line still without its end, larger than the cap ends the reading with <see cref="AnswerTooLargeException"/>.
/// </summary>
internal static class SseEventReader
{
    private const int InitialEventBytes = 4096;

    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream body, int maxEventBytes,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));
        // Sized for a typical answer, so that most answers do not grow it several times over.
        var data = new ArrayBufferWriter<byte>(InitialEventBytes);
        string? id = null;
        int? retry = null;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                while (TryReadLine(ref buffer, out var line))
                {
                    if (line.Length == 0)
                    {
                        if (data.WrittenCount > 0 || id is not null || retry is not null)
                        {
                            yield return new SseEvent(data.WrittenMemory.ToArray(), id, retry);
                        }

                        data.ResetWrittenCount();
                        id = null;
                        retry = null;
                        continue;
                    }

                    Field(line, data, ref id, ref retry);
                    if (data.WrittenCount > maxEventBytes)
                    {
                        throw new AnswerTooLargeException(maxEventBytes);
                    }
                }

                if (buffer.Length > maxEventBytes)
                {
                    throw new AnswerTooLargeException(maxEventBytes);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static void Field(ReadOnlySpan<byte> line, ArrayBufferWriter<byte> data, ref string? id, ref int? retry)
    {
        if (line[0] == (byte)':')
        {
            return;
        }

        var colon = line.IndexOf((byte)':');
        var name = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (value.Length > 0 && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (name.SequenceEqual("data"u8))
        {
            if (data.WrittenCount > 0)
            {
                data.Write("\n"u8);
            }

            data.Write(value);
        }
        else if (name.SequenceEqual("id"u8))
        {
            id = Encoding.UTF8.GetString(value);
        }
        else if (name.SequenceEqual("retry"u8) && int.TryParse(value, out var milliseconds))
        {
            retry = milliseconds;
        }
    }

    /// <summary>A line ended by LF, CRLF or CR (a CR at the buffer's end waits for what follows).</summary>
    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySpan<byte> line)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryAdvanceToAny("\r\n"u8, advancePastDelimiter: false))
        {
            line = default;
            return false;
        }

        var end = reader.Position;
        reader.TryRead(out var delimiter);
        if (delimiter == (byte)'\r')
        {
            if (reader.End)
            {
                line = default;
                return false;
            }

            reader.IsNext((byte)'\n', advancePast: true);
        }

        // Copied only when the line spans two of the pipe's segments; otherwise read in place (valid until AdvanceTo).
        var slice = buffer.Slice(0, end);
        line = slice.IsSingleSegment ? slice.FirstSpan : slice.ToArray();
        buffer = buffer.Slice(reader.Position);
        return true;
    }
}
