using System.Text.RegularExpressions;

namespace EnterpriseMcp.Deploy.Tests.Images;

/// <summary>A Dockerfile's instructions in order: continuation lines joined, comments and blank lines left out.</summary>
internal sealed partial record Dockerfile(IReadOnlyList<Dockerfile.Instruction> Instructions)
{
    public sealed record Instruction(int Index, string Keyword, string Arguments)
    {
        /// <summary>The <c>KEY=value</c> pairs of an ENV, ARG or LABEL, quotes removed.</summary>
        public IEnumerable<KeyValuePair<string, string>> Pairs() =>
            Words().Select(word => word.Split('=', 2)).Select(pair => KeyValuePair.Create(pair[0], pair.ElementAtOrDefault(1) ?? ""));

        /// <summary>The arguments split at spaces outside double quotes, quotes removed.</summary>
        public IEnumerable<string> Words() =>
            WordPattern().Matches(Arguments).Select(word => word.Value.Replace("\"", ""));
    }

    public static Dockerfile Read(string path)
    {
        var logical = new List<string>();
        var pending = "";
        foreach (var line in File.ReadAllLines(path).Select(line => line.Trim()))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            pending += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (!line.EndsWith('\\'))
            {
                logical.Add(pending);
                pending = "";
            }
        }

        return new Dockerfile([.. logical.Select((line, index) => new Instruction(
            index, line.Split(' ', 2)[0].ToUpperInvariant(), line.Split(' ', 2).ElementAtOrDefault(1)?.Trim() ?? ""))]);
    }

    public IEnumerable<Instruction> All(string keyword) => Instructions.Where(instruction => instruction.Keyword == keyword);

    public Dictionary<string, string> Values(string keyword) =>
        All(keyword).SelectMany(instruction => instruction.Pairs()).ToDictionary();

    [GeneratedRegex("""(?:[^\s"]|"[^"]*")+""")]
    private static partial Regex WordPattern();
}
