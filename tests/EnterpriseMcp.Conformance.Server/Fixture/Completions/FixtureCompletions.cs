using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Completions;

/// <summary>Suggests values for prompt and resource-template arguments that start with what the user typed.</summary>
internal static class FixtureCompletions
{
    // The protocol caps a completion at 100 values.
    private const int MaxValues = 100;

    private static readonly Dictionary<(string Reference, string Argument), string[]> s_candidates = new()
    {
        [("test_prompt_with_arguments", "arg1")] = ["paris", "park", "party", "test", "testValue1"],
        [("test_prompt_with_arguments", "arg2")] = ["world", "testValue2"],
        [("test_prompt_with_embedded_resource", "resourceUri")] = ["test://static-text", "test://static-binary", "test://watched-resource"],
        [("test://template/{id}/data", "id")] = ["123", "456", "789"],
    };

    public static ValueTask<CompleteResult> CompleteAsync(
        RequestContext<CompleteRequestParams> request, CancellationToken cancellationToken)
    {
        var reference = request.Params?.Ref switch
        {
            PromptReference prompt => prompt.Name,
            ResourceTemplateReference template => template.Uri,
            _ => null,
        };
        var argument = request.Params?.Argument;

        string[] matches = reference is not null && argument is not null
            && s_candidates.TryGetValue((reference, argument.Name), out var candidates)
            ? [.. candidates.Where(value => value.StartsWith(argument.Value ?? "", StringComparison.OrdinalIgnoreCase))]
            : [];

        return ValueTask.FromResult(new CompleteResult
        {
            Completion = new Completion
            {
                Values = [.. matches.Take(MaxValues)],
                Total = matches.Length,
                HasMore = matches.Length > MaxValues,
            },
        });
    }
}
