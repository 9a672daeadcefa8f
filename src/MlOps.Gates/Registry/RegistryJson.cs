using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOps.Gates.Registry;

/// <summary>The registry's file format: report.json's camelCase JSON, leaving out what is not set.</summary>
internal static class RegistryJson
{
    public static readonly JsonSerializerOptions Options = new(Reporting.ReportJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly JsonSerializerOptions Line = new(Options) { WriteIndented = false };
}
