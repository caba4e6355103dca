using EnterpriseMcp.Gateway.Configuration;
using EnterpriseMcp.Gateway.Resilience;
using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.Resilience;

public sealed class CircuitBreakerTests
{
    private readonly ManualTime _time = new();
    private readonly CircuitBreaker _circuit;

    public CircuitBreakerTests() =>
        _circuit = new CircuitBreaker(new BackendOptions { FailureThreshold = 3, ProbeInterval = TimeSpan.FromSeconds(1), BreakDuration = TimeSpan.FromSeconds(10) }, _time);

    [Fact]
    public void Opens_after_the_threshold_of_failures_in_a_row_and_not_before()
    {
        _circuit.RecordFailure();
        _circuit.RecordFailure();
        Assert.True(_circuit.AllowsCalls);

        _circuit.RecordFailure();

        Assert.Equal(CircuitState.Open, _circuit.State);
        Assert.False(_circuit.AllowsCalls);
    }

    [Fact]
    public void A_success_between_failures_starts_the_count_again()
    {
        _circuit.RecordFailure();
        _circuit.RecordFailure();
        _circuit.RecordSuccess();
        _circuit.RecordFailure();
        _circuit.RecordFailure();

        Assert.Equal(CircuitState.Closed, _circuit.State);
    }

    [Fact]
    public void One_probe_is_let_through_after_the_probe_interval_and_its_outcome_decides()
    {
        Open();
        Assert.False(_circuit.TryStartProbe());

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(_circuit.TryStartProbe());
        Assert.False(_circuit.TryStartProbe());
        Assert.Equal(CircuitState.HalfOpen, _circuit.State);
        Assert.False(_circuit.AllowsCalls);

        _circuit.RecordFailure();
        Assert.Equal(CircuitState.Open, _circuit.State);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(_circuit.TryStartProbe());
        _circuit.RecordSuccess();
        Assert.Equal(CircuitState.Closed, _circuit.State);
    }

    [Fact]
    public void Each_failed_probe_doubles_the_wait_for_the_next_up_to_the_break_duration()
    {
        Open();
        var waits = new List<TimeSpan>();
        for (var probe = 0; probe < 6; probe++)
        {
            waits.Add(_circuit.RetryAfter);
            _time.Advance(_circuit.RetryAfter);
            Assert.True(_circuit.TryStartProbe());
            _circuit.RecordFailure();
        }

        Assert.Equal([1.0, 2.0, 4.0, 8.0, 10.0, 10.0], waits.Select(wait => wait.TotalSeconds).ToArray());

        _time.Advance(_circuit.RetryAfter);
        Assert.True(_circuit.TryStartProbe());
        _circuit.RecordSuccess();
        Open();
        Assert.Equal(TimeSpan.FromSeconds(1), _circuit.RetryAfter);
    }

    [Fact]
    public void Every_change_of_state_is_announced_once_and_a_failed_probe_is_not_one()
    {
        var changes = new List<CircuitState>();
        _circuit.Changed += changes.Add;

        Open();
        _circuit.RecordFailure();
        _time.Advance(_circuit.RetryAfter);
        _circuit.TryStartProbe();
        _circuit.RecordFailure();
        _time.Advance(_circuit.RetryAfter);
        _circuit.TryStartProbe();
        _circuit.RecordSuccess();
        _circuit.RecordSuccess();

        Assert.Equal([CircuitState.Open, CircuitState.Closed], changes);
    }

    private void Open()
    {
        for (var i = 0; i < 3; i++)
        {
            _circuit.RecordFailure();
        }
    }
}
