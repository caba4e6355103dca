using ModelContextProtocol.Protocol;
using Schema = ModelContextProtocol.Protocol.ElicitRequestParams;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

/// <summary>The questions the input-required tools put to the client (SEP-2322).</summary>
internal static class InputRequests
{
    public static InputRequest AskText(string message, string field) =>
        InputRequest.ForElicitation(new ElicitRequestParams
        {
            Message = message,
            RequestedSchema = new Schema.RequestSchema
            {
                Properties = new Dictionary<string, Schema.PrimitiveSchemaDefinition> { [field] = new Schema.StringSchema() },
                Required = [field],
            },
        });

    public static InputRequest Confirm() =>
        InputRequest.ForElicitation(new ElicitRequestParams
        {
            Message = "Please confirm",
            RequestedSchema = new Schema.RequestSchema
            {
                Properties = new Dictionary<string, Schema.PrimitiveSchemaDefinition> { ["ok"] = new Schema.BooleanSchema() },
                Required = ["ok"],
            },
        });

    public static InputRequest Sample(string text, int maxTokens) =>
        InputRequest.ForSampling(new CreateMessageRequestParams
        {
            Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = text }] }],
            MaxTokens = maxTokens,
        });

    public static InputRequest ListRoots() => InputRequest.ForRootsList(new ListRootsRequestParams());

    public static InputRequiredException Required(string? requestState, params (string Key, InputRequest Request)[] requests) =>
        new(requests.ToDictionary(request => request.Key, request => request.Request), requestState);
}
