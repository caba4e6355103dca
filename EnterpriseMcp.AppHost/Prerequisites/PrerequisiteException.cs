namespace EnterpriseMcp.AppHost.Prerequisites;

/// <summary>Something the machine lacks before anything starts: what is missing and what to do about it (exit code 2).</summary>
public sealed class PrerequisiteException(string problem, string whatToDo) : Exception(problem)
{
    public string WhatToDo { get; } = whatToDo;
}
