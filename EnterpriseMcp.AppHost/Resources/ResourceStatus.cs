namespace EnterpriseMcp.AppHost.Resources;

public enum ResourceState
{
    /// <summary>Not started yet: waiting for what it depends on.</summary>
    Waiting,
    Starting,
    Running,
    /// <summary>It exited on its own and starts again after a back-off.</summary>
    Restarting,
    /// <summary>It never became ready; the system did not start.</summary>
    Failed,
    Stopping,
    Stopped,
}

public enum ResourceHealth
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <summary>What the table shows of one resource at one moment.</summary>
public sealed record ResourceStatus(
    string Name,
    ResourceState State,
    ResourceHealth Health,
    Uri Url,
    int Restarts,
    int? ProcessId,
    string? Detail);
