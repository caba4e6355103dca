namespace EnterpriseMcp.AppHost.Resources;

/// <summary>
/// A resource's output lines: each goes to the sink (the console, prefixed with the resource's name, or a test's
/// output), and the last ones are kept to explain a failure.
/// </summary>
public sealed class ResourceLog(string resource, Action<string, string> sink)
{
    private const int Kept = 40;
    private readonly Queue<string> _last = new();

    public void Write(string line)
    {
        lock (_last)
        {
            if (_last.Count == Kept)
            {
                _last.Dequeue();
            }

            _last.Enqueue(line);
        }

        sink(resource, line);
    }

    public IReadOnlyList<string> LastLines(int count)
    {
        lock (_last)
        {
            return _last.TakeLast(count).ToArray();
        }
    }
}
