using EnterpriseMcp.Gateway.Configuration;
using EnterpriseMcp.Gateway.Resilience;
using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.Resilience;

/// <summary>A circuit told by another replica: it follows, and tells nobody in turn; only its own observations are told.</summary>
public sealed class CircuitAdoptionTests
{
    private readonly ManualTime _time = new();
    private readonly CircuitBreaker _circuit;
    private readonly List<CircuitState> _changed = [];
    private readonly List<CircuitState> _observed = [];

    public CircuitAdoptionTests()
    {
        _circuit = new CircuitBreaker(new BackendOptions { FailureThreshold = 3, ProbeInterval = TimeSpan.FromSeconds(1), BreakDuration = TimeSpan.FromSeconds(10) }, _time);
        _circuit.Changed += _changed.Add;
        _circuit.Observed += _observed.Add;
    }

    [Fact]
    public void Another_replicas_open_opens_it_with_its_probe_a_probe_interval_away_and_is_not_told_again()
    {
        _circuit.Adopt(CircuitState.Open);

        Assert.Equal(CircuitState.Open, _circuit.State);
        Assert.Equal(TimeSpan.FromSeconds(1), _circuit.RetryAfter);
        Assert.Equal([CircuitState.Open], _changed);
        Assert.Empty(_observed);
    }

    [Fact]
    public void Another_replicas_close_closes_it_and_is_not_told_again()
    {
        Open();
        _circuit.Adopt(CircuitState.Closed);

        Assert.True(_circuit.AllowsCalls);
        Assert.Equal([CircuitState.Open, CircuitState.Closed], _changed);
        Assert.Equal([CircuitState.Open], _observed);
    }

    [Fact]
    public void A_half_open_circuit_is_left_to_its_probe_when_told_open()
    {
        Open();
        _time.Advance(_circuit.RetryAfter);
        Assert.True(_circuit.TryStartProbe());

        _circuit.Adopt(CircuitState.Open);
        _circuit.RecordSuccess();

        Assert.Equal([CircuitState.Open, CircuitState.Closed], _observed);
    }

    private void Open()
    {
        for (var i = 0; i < 3; i++)
        {
            _circuit.RecordFailure();
        }
    }
}
