using EnterpriseMcp.Hosting.Http;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>
/// The SDK transport writes a session's server-initiated messages to one stream for the session's
/// whole life, while clients open, lose and reopen GET requests. This relay is that one stream: it
/// forwards to whichever GET response is attached and drops what arrives while none is (a client
/// that wants those messages back resumes with Last-Event-ID from the event store).
/// </summary>
internal sealed class GetStreamRelay : WriteOnlyStream
{
    // One writer at a time on a response: the transport's messages and the flush that sends a new GET's headers.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private Stream? _attached;

    /// <summary>Attaches a GET response and sends its headers; false while another is attached.</summary>
    public async ValueTask<bool> TryAttachAsync(Stream response, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            if (_attached is not null)
            {
                return false;
            }

            _attached = response;
            await response.FlushAsync(cancellationToken);
            return true;
        }
        finally
        {
            _writing.Release();
        }
    }

    public bool IsAttached => Volatile.Read(ref _attached) is not null;

    public void Detach(Stream response) => Interlocked.CompareExchange(ref _attached, null, response);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken);
        var target = _attached;
        try
        {
            if (target is not null)
            {
                await target.WriteAsync(buffer, cancellationToken);
                await target.FlushAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The client went away mid-write; the transport must not see that as the session's stream failing.
            Detach(target!);
        }
        finally
        {
            _writing.Release();
        }
    }

    // Every write is flushed to the attached response already.
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
