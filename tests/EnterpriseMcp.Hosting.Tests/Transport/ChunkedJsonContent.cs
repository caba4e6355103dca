using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace EnterpriseMcp.Hosting.Tests.Transport;

/// <summary>A JSON body whose length is not known up front, so it goes out with chunked transfer encoding.</summary>
internal sealed class ChunkedJsonContent : HttpContent
{
    private readonly byte[] _json;

    public ChunkedJsonContent(string json)
    {
        _json = Encoding.UTF8.GetBytes(json);
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        // Several writes, as a streaming client would make them.
        for (var offset = 0; offset < _json.Length; offset += 256)
        {
            await stream.WriteAsync(_json.AsMemory(offset, Math.Min(256, _json.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
