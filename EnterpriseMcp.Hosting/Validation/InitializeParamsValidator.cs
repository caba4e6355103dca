using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Validation;

/// <summary>
/// An initialize request's params are read by the SDK only after a session is made for them, and params it cannot
/// read (a required field missing, a field of the wrong type) throw there; read here first, so they are the
/// client's error and cost no session.
/// </summary>
internal static class InitializeParamsValidator
{
    private static readonly JsonTypeInfo<InitializeRequestParams> ParamsTypeInfo =
        (JsonTypeInfo<InitializeRequestParams>)McpJsonUtilities.ProtocolOptions.GetTypeInfo(typeof(InitializeRequestParams));

    public static McpRequestRejection? Validate(JsonRpcMessage message)
    {
        if (message is not JsonRpcRequest { Method: RequestMethods.Initialize } request)
        {
            return null;
        }

        try
        {
            return request.Params?.Deserialize(ParamsTypeInfo) is not null ? null : Invalid("params are required.");
        }
        catch (JsonException error)
        {
            return Invalid(error.Path is { Length: > 1 } path ? $"params {path[2..]} is missing or of the wrong type." : error.Message);
        }
    }

    private static McpRequestRejection Invalid(string why) =>
        new(StatusCodes.Status400BadRequest, McpErrorCodes.InvalidParams, $"Invalid params: initialize {why}");
}
