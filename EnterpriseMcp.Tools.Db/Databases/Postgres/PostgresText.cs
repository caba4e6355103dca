using System.Globalization;

namespace EnterpriseMcp.Tools.Db.Databases.Postgres;

/// <summary>Values read as PostgreSQL's text: numbers and booleans become JSON numbers and booleans again, the rest stays text.</summary>
internal static class PostgresText
{
    public static object? Parse(string dataType, string text) => dataType switch
    {
        "smallint" or "integer" or "bigint" or "oid" => long.Parse(text, CultureInfo.InvariantCulture),
        "real" or "double precision" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number : text,
        // Kept as text when decimal would round it (or it is NaN or infinite).
        "numeric" => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
            && exact.ToString(CultureInfo.InvariantCulture) == text ? exact : text,
        "boolean" => text == "t",
        _ => text,
    };
}
