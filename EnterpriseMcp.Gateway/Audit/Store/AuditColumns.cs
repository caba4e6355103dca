using System.Data.Common;
using System.Globalization;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>A stored record read back from either store's row (the columns in <see cref="IAuditStore"/>'s order).</summary>
internal static class AuditColumns
{
    public static SealedAuditRecord Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        TimeOf(reader.GetString(1)),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        // An outcome that is not one of ours reads as none of them, which the verifier reports.
        Enum.TryParse<AuditOutcome>(reader.GetString(4), out var outcome) ? outcome : (AuditOutcome)(-1),
        reader.GetString(5),
        (byte[])reader[6],
        (byte[])reader[7]);

    /// <summary>A time column's value (<see cref="SqliteAuditStore.TimeText"/>).</summary>
    public static DateTimeOffset TimeOf(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
