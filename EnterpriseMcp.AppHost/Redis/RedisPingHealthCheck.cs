using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseMcp.AppHost.Redis;

/// <summary>
/// Healthy when the server answers <c>PING</c> with <c>+PONG</c>: a listening Redis still loading its data answers
/// <c>-LOADING</c>. Like <c>PromptHttpHealthCheck</c>, it polls every 100 ms for up to 2 s, so that the gateway, which
/// waits for Redis, is not held for Aspire's next check a second or more later.
/// </summary>
public static class RedisPingHealthCheck
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);
    private static readonly byte[] Ping = "PING\r\n"u8.ToArray();

    public static IResourceBuilder<LocalRedisResource> WithRedisPingHealthCheck(this IResourceBuilder<LocalRedisResource> redis)
    {
        var key = $"{redis.Resource.Name}_ping";
        var port = redis.Resource.Port;
        redis.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(key, cancellationToken => CheckAsync(port, cancellationToken));
        return redis.WithHealthCheck(key);
    }

    private static async Task<HealthCheckResult> CheckAsync(int port, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var answer = await AnswerAsync(port, cancellationToken);
            if (answer == "+PONG")
            {
                return HealthCheckResult.Healthy();
            }

            if (DateTime.UtcNow + Poll > deadline)
            {
                return HealthCheckResult.Unhealthy($"PING on 127.0.0.1:{port}: {answer}");
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static async Task<string> AnswerAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Ping, timeout.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
        }
        catch (SocketException error)
        {
            return error.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "no answer within 1 s";
        }
    }
}
