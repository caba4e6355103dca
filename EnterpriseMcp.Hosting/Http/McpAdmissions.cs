namespace EnterpriseMcp.Hosting.Http;

/// <summary>The answers of a request's admission steps: the refusal, if one refused, and everything the admitted ones hold.</summary>
internal sealed class McpAdmissions : IDisposable
{
    private readonly List<McpAdmission> _answers = [];

    public McpAdmissionRefusal? Refusal { get; private set; }

    public void Add(McpAdmission answer)
    {
        _answers.Add(answer);
        Refusal ??= answer.Refusal;
    }

    public void Dispose() => _answers.ForEach(answer => answer.Dispose());
}
