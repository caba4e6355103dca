using EnterpriseMcp.Gateway.Subscriptions;
using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.ChangeNotifications;

/// <summary>A backend that announces faster than it is listed gets one more listing, not one per announcement.</summary>
public sealed class RelistingTests
{
    [Fact]
    public async Task Announcements_during_a_listing_make_one_more_listing()
    {
        var listings = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var relisting = new Relisting(async () =>
        {
            if (Interlocked.Increment(ref listings) == 1)
            {
                await release.Task;
            }
        });

        relisting.Request();
        for (var i = 0; i < 50; i++)
        {
            relisting.Request();
        }

        release.SetResult();
        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref listings) == 2));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(2, Volatile.Read(ref listings));

        relisting.Request();
        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref listings) == 3), "a later announcement was not listed");
    }

    [Fact]
    public async Task A_listing_that_throws_does_not_stop_later_ones()
    {
        var listings = 0;
        var relisting = new Relisting(() =>
        {
            Interlocked.Increment(ref listings);
            throw new InvalidOperationException("broken");
        });

        relisting.Request();
        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref listings) == 1));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        relisting.Request();

        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref listings) == 2), "no listing after one that threw");
    }
}
