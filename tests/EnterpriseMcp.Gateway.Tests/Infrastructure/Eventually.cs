namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>Waits, within a bound, for what arrives apart from the call that caused it.</summary>
public static class Eventually
{
    public static async Task CountAsync<T>(List<T> items, int count, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            lock (items)
            {
                if (items.Count >= count)
                {
                    return;
                }
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    public static Task<bool> TrueAsync(Func<bool> condition, int seconds = 10) =>
        TrueAsync(() => Task.FromResult(condition()), seconds);

    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        return true;
    }
}
