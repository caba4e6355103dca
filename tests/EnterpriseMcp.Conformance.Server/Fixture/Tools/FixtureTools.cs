using ModelContextProtocol.Server;

namespace EnterpriseMcp.Conformance.Server.Fixture.Tools;

internal static class FixtureTools
{
    public static IEnumerable<McpServerTool> Create() =>
    [
        .. AttributedPrimitives.Tools(typeof(ContentTools)),
        .. AttributedPrimitives.Tools(typeof(NotificationTools)),
        .. AttributedPrimitives.Tools(typeof(ClientRequestTools)),
        .. AttributedPrimitives.Tools(typeof(ElicitationSchemaTools)),
        .. AttributedPrimitives.Tools(typeof(InputRequiredTools)),
        .. AttributedPrimitives.Tools(typeof(SealedStateTools)),
        .. AttributedPrimitives.Tools(typeof(StatelessDiagnosticTools)),
        .. AttributedPrimitives.Tools(typeof(ListChangeTools)),
        .. AttributedPrimitives.Tools(typeof(HeaderTools)),
        .. AttributedPrimitives.Tools(typeof(StreamTools)),
        .. AttributedPrimitives.Tools(typeof(ProbeTools)),
        JsonSchemaTool.Create(),
    ];
}
