namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// An OAuth scope a caller's token must carry to see and call this tool. Several attributes mean
/// all of them are needed. Enforced only when the server validates bearer tokens
/// (<c>AddMcpResourceServer</c> with an authority configured).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
public sealed class RequiresScopeAttribute(string scope) : Attribute
{
    public string Scope { get; } = scope;
}
