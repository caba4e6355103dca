using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Validation;

/// <summary>
/// Checks the MCP-Protocol-Version header against what is served here, and against the version the
/// body declares (initialize params, or <c>_meta</c> on 2026-07-28 requests).
/// </summary>
internal static class ProtocolVersionValidator
{
    public static McpRequestRejection? ValidateHeader(string headerVersion, JsonRpcMessage? message = null)
    {
        if (headerVersion.Length == 0 || McpProtocolVersion.IsSupported(headerVersion))
        {
            return null;
        }

        // A client that puts its version in _meta speaks the stateless generation and retries with one
        // of those versions (the list server/discover advertises); any other client may pick any.
        var perRequestClient = message is not null &&
            McpMessageFields.String(McpMessageFields.Params(message)?["_meta"], MetaKeys.ProtocolVersion) is not null;
        var supported = perRequestClient ? McpProtocolVersion.StatelessGeneration : McpProtocolVersion.Supported;
        var data = new JsonObject
        {
            ["supported"] = new JsonArray([.. supported.Select(v => (JsonNode)v)]),
            ["requested"] = headerVersion,
        };
        return new(StatusCodes.Status400BadRequest, McpErrorCodes.UnsupportedProtocolVersion,
            $"Bad Request: protocol version '{headerVersion}' is not supported.", data);
    }

    public static McpRequestRejection? ValidateEnvelope(string headerVersion, JsonRpcMessage message)
    {
        var parameters = McpMessageFields.Params(message);
        if (message is JsonRpcRequest { Method: RequestMethods.Initialize } &&
            McpMessageFields.String(parameters, "protocolVersion") is { } initializeVersion &&
            headerVersion.Length > 0 && headerVersion != initializeVersion)
        {
            return Mismatch($"the {McpHeaders.ProtocolVersion} header '{headerVersion}' does not match params.protocolVersion '{initializeVersion}'.");
        }

        var meta = parameters?["_meta"] as JsonObject;
        var metaVersion = McpMessageFields.String(meta, MetaKeys.ProtocolVersion);
        if (!McpProtocolVersion.IsStatelessGeneration(headerVersion) && !McpProtocolVersion.IsStatelessGeneration(metaVersion))
        {
            return null;
        }

        if (headerVersion.Length == 0)
        {
            return Mismatch($"the {McpHeaders.ProtocolVersion} header is required when the body declares protocol version '{metaVersion}'.");
        }

        // A notification cannot be answered, so a missing _meta on one is not worth refusing.
        if (message is not JsonRpcRequest)
        {
            return metaVersion is null || metaVersion == headerVersion ? null : Mismatch(MetaMismatch(headerVersion, metaVersion));
        }

        if (metaVersion is null)
        {
            return InvalidParams($"requests using protocol version '{headerVersion}' must carry _meta/{MetaKeys.ProtocolVersion}.");
        }

        if (metaVersion != headerVersion)
        {
            return Mismatch(MetaMismatch(headerVersion, metaVersion));
        }

        return meta?[MetaKeys.ClientCapabilities] is JsonObject
            ? null
            : InvalidParams($"requests using protocol version '{headerVersion}' must carry _meta/{MetaKeys.ClientCapabilities} as an object.");
    }

    private static string MetaMismatch(string header, string meta) =>
        $"the {McpHeaders.ProtocolVersion} header '{header}' does not match _meta/{MetaKeys.ProtocolVersion} '{meta}'.";

    private static McpRequestRejection Mismatch(string why) =>
        new(StatusCodes.Status400BadRequest, McpErrorCodes.HeaderMismatch, $"Bad Request: {why}");

    private static McpRequestRejection InvalidParams(string why) =>
        new(StatusCodes.Status400BadRequest, McpErrorCodes.InvalidParams, $"Invalid params: {why}");
}
