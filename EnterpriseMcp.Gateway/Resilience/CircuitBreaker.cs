using EnterpriseMcp.Gateway.Configuration;

namespace EnterpriseMcp.Gateway.Resilience;

public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// One backend's circuit: <see cref="BackendOptions.FailureThreshold"/> transport failures or timeouts
/// in a row open it; while open, calls fail at once and the gateway probes the backend itself, first after
/// <see cref="BackendOptions.ProbeInterval"/>, then after twice as long for each failed probe, up to
/// <see cref="BackendOptions.BreakDuration"/>; the first probe that succeeds closes it. Answers of any kind,
/// errors included, count as success. With several replicas, another replica's word (<see cref="Adopt"/>) opens or closes
/// it too.
/// </summary>
internal sealed class CircuitBreaker(BackendOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private CircuitState _state = CircuitState.Closed;
    private int _failures;
    private int _failedProbes;
    private long _openedAt;

    /// <summary>Raised outside the lock with the new state.</summary>
    public event Action<CircuitState>? Changed;

    /// <summary>
    /// Raised after <see cref="Changed"/> when this replica's own calls or probes opened or closed the circuit: what the
    /// other replicas are told. Not raised for what they told this one, which would echo back.
    /// </summary>
    public event Action<CircuitState>? Observed;

    public CircuitState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public bool AllowsCalls => State == CircuitState.Closed;

    /// <summary>How long until the next probe of an open circuit.</summary>
    public TimeSpan RetryAfter
    {
        get
        {
            lock (_gate)
            {
                var left = ProbeDelay() - time.GetElapsedTime(_openedAt);
                return _state == CircuitState.Closed || left < TimeSpan.Zero ? TimeSpan.Zero : left;
            }
        }
    }

    public void RecordSuccess() => Set(Closed);

    public void RecordFailure() => Set(() =>
    {
        _failures++;
        if (_state == CircuitState.HalfOpen)
        {
            _failedProbes++;
        }

        return _state == CircuitState.HalfOpen || (_state == CircuitState.Closed && _failures >= options.FailureThreshold)
            ? Opened()
            : _state;
    });

    /// <summary>
    /// Takes what another replica observed: <see cref="CircuitState.Open"/> opens a closed circuit (its probes wait from
    /// now), <see cref="CircuitState.Closed"/> closes an open or half-open one. A half-open circuit is not opened by
    /// another's word: its probe is out, and its outcome decides.
    /// </summary>
    public void Adopt(CircuitState state) => Set(() => (state, _state) switch
    {
        (CircuitState.Open, CircuitState.Closed) => Opened(),
        (CircuitState.Closed, not CircuitState.Closed) => Closed(),
        _ => _state,
    }, observed: false);

    /// <summary>Moves an open circuit whose wait for a probe is over to half-open; true when the caller is the probe.</summary>
    public bool TryStartProbe()
    {
        lock (_gate)
        {
            if (_state != CircuitState.Open || time.GetElapsedTime(_openedAt) < ProbeDelay())
            {
                return false;
            }

            _state = CircuitState.HalfOpen;
            return true;
        }
    }

    // Doubling, capped: a backend down for long is not probed more often than once a break.
    private TimeSpan ProbeDelay()
    {
        var delay = options.ProbeInterval;
        for (var doubling = 0; doubling < _failedProbes && delay < options.BreakDuration; doubling++)
        {
            delay *= 2;
        }

        return delay < options.BreakDuration ? delay : options.BreakDuration;
    }

    // Called under the lock.
    private CircuitState Opened()
    {
        _openedAt = time.GetTimestamp();
        return CircuitState.Open;
    }

    private CircuitState Closed()
    {
        _failures = 0;
        _failedProbes = 0;
        return CircuitState.Closed;
    }

    private void Set(Func<CircuitState> next, bool observed = true)
    {
        CircuitState before, after;
        lock (_gate)
        {
            before = _state;
            after = _state = next();
        }

        if (before != after && !(before == CircuitState.HalfOpen && after == CircuitState.Open))
        {
            Changed?.Invoke(after);
            if (observed)
            {
                Observed?.Invoke(after);
            }
        }
    }
}
