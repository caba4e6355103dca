namespace EnterpriseMcp.AppHost.Cli;

/// <summary>
/// Every resource's lines on one console, each prefixed with its resource's name (in a colour of its own on a
/// terminal, unless NO_COLOR is set), whole lines only even when several resources write at once.
/// </summary>
public sealed class ConsoleOutput
{
    private static readonly string[] Colours = ["\e[36m", "\e[35m", "\e[33m", "\e[32m", "\e[34m", "\e[96m"];
    private const string Reset = "\e[0m";
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _colourOf = [];
    private readonly bool _colour = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null or "";

    public const int PrefixWidth = 9;

    public void Line(string resource, string line)
    {
        lock (_lock)
        {
            var prefix = resource.PadRight(PrefixWidth);
            if (_colour)
            {
                if (!_colourOf.TryGetValue(resource, out var colour))
                {
                    colour = _colourOf[resource] = Colours[_colourOf.Count % Colours.Length];
                }

                Console.Out.WriteLine($"{colour}{prefix}|{Reset} {line}");
            }
            else
            {
                Console.Out.WriteLine($"{prefix}| {line}");
            }
        }
    }

    /// <summary>A block of text, unprefixed (the table, the guide), kept together.</summary>
    public void Block(string text)
    {
        lock (_lock)
        {
            Console.Out.WriteLine(text);
        }
    }

    /// <summary>Why the AppHost stops, on standard error: the problem, then what to do.</summary>
    public void Failure(string problem, string advice, IReadOnlyList<string>? lastLines = null)
    {
        lock (_lock)
        {
            Console.Error.WriteLine($"EnterpriseMcp.AppHost: {problem}");
            if (lastLines is { Count: > 0 })
            {
                Console.Error.WriteLine("  its last lines:");
                foreach (var line in lastLines)
                {
                    Console.Error.WriteLine($"    {line}");
                }
            }

            Console.Error.WriteLine($"  what to do: {advice}");
        }
    }
}
