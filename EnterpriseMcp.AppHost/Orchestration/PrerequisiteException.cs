namespace EnterpriseMcp.AppHost.Orchestration;

/// <summary>Something the system needs before anything starts (a program, a package, a free port): what, and what to do.</summary>
public class PrerequisiteException(string problem, string advice) : Exception(problem)
{
    public string Advice { get; } = advice;
}
