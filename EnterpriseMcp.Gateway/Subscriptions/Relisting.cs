namespace EnterpriseMcp.Gateway.Subscriptions;

/// <summary>
/// Lists a backend again, one listing at a time: announcements that arrive during a listing make one more listing, not
/// one each, so a backend that announces faster than it can be listed gets no more listings than that.
/// </summary>
internal sealed class Relisting(Func<Task> list)
{
    private int _requests;

    public void Request()
    {
        if (Interlocked.Increment(ref _requests) == 1)
        {
            _ = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        do
        {
            Volatile.Write(ref _requests, 1);
            try
            {
                await list();
            }
            catch (Exception)
            {
                // The listing reports its own failures; one that throws must not leave the count up and stop every later one.
            }
        }
        while (Interlocked.CompareExchange(ref _requests, 0, 1) != 1);
    }
}
