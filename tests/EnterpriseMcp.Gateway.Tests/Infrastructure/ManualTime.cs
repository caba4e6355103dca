namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>A clock that moves only when a test advances it.</summary>
internal sealed class ManualTime : TimeProvider
{
    private long _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now;

    public void Advance(TimeSpan by) => _now += by.Ticks;
}
