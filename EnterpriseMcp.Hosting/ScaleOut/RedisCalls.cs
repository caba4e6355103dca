using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.ScaleOut;

/// <summary>Turns Redis being out of reach into <see cref="McpStoreUnavailableException"/>, which requests answer with 503.</summary>
internal static class RedisCalls
{
    public static async ValueTask<T> RunAsync<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            throw new McpStoreUnavailableException($"The shared store (Redis) cannot be reached to {what}; retry shortly.", e);
        }
    }
}
