using System.Net.Sockets;

namespace EnterpriseMcp.AppHost.Resources;

/// <summary>Asks a resource whether it is ready: its health URL answering 200, or its port accepting a connection.</summary>
public sealed class HealthProbe : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private readonly HttpClient _http = new() { Timeout = Timeout };

    /// <returns>Whether it is ready, and what it answered, for the message when it never is.</returns>
    public async Task<(bool Ready, string Answer)> CheckAsync(ResourceDefinition resource, CancellationToken cancellationToken)
    {
        try
        {
            if (resource.HealthUrl is { } url)
            {
                using var response = await _http.GetAsync(url, cancellationToken);
                return (response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
            }

            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await client.ConnectAsync(resource.Url.Host, resource.Url.Port, timeout.Token);
            return (true, "accepting connections");
        }
        catch (Exception error) when (error is HttpRequestException or SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (false, error is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : "connection refused");
        }
    }

    public void Dispose() => _http.Dispose();
}
