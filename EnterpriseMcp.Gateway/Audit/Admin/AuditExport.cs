using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// Records as JSON, one object each: the sequence number, the previous and own hash (hex) that let a reader check the
/// chain, and the record's stored JSON verbatim. An export writes them as JSON lines (NDJSON), the form SIEMs ingest.
/// </summary>
internal static class AuditExport
{
    // Pages, not one long read: a slow reader of the export then never keeps a database snapshot (SQLite's write-ahead
    // log grows behind an open read) for longer than one page takes to write.
    private const int PageSize = 1000;
    private const int FlushBytes = 64 * 1024;

    public static void Write(Utf8JsonWriter writer, SealedAuditRecord record)
    {
        writer.WriteStartObject();
        writer.WriteNumber("sequence", record.Sequence);
        writer.WriteString("previousHash", Convert.ToHexStringLower(record.PreviousHash));
        writer.WriteString("hash", Convert.ToHexStringLower(record.Hash));
        writer.WritePropertyName("record");
        writer.WriteRawValue(record.Body);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes every record <paramref name="query"/> matches (up to its limit, if any) to <paramref name="output"/>, one
    /// line each, flushing as it goes: memory stays bounded by a page whatever the log's size. Returns how many.
    /// </summary>
    public static async Task<long> WriteLinesAsync(IAuditStore store, AuditQuery query, PipeWriter output, CancellationToken cancellationToken)
    {
        var written = 0L;
        var unflushed = 0L;
        var remaining = query.Limit;
        var after = query.After;
        await using var writer = new Utf8JsonWriter(output);
        while (remaining is not 0)
        {
            var page = query with { After = after, Limit = Math.Min(remaining ?? PageSize, PageSize) };
            var read = 0;
            await foreach (var record in store.QueryAsync(page, cancellationToken))
            {
                Write(writer, record);
                writer.Flush();
                output.Write("\n"u8);
                unflushed += writer.BytesCommitted + 1;
                writer.Reset(output);
                (after, read, written) = (record.Sequence, read + 1, written + 1);
                if (unflushed >= FlushBytes)
                {
                    // Waits while the reader is slow: the back-pressure that bounds the memory.
                    await output.FlushAsync(cancellationToken);
                    unflushed = 0;
                }
            }

            remaining -= read;
            if (read < page.Limit)
            {
                break;
            }
        }

        await output.FlushAsync(cancellationToken);
        return written;
    }
}
