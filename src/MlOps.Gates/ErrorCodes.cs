namespace MlOps.Gates;

/// <summary>
/// Every code MlOps.Gates reports. MLG0xxx usage, MLG1xxx gates file, MLG2xxx data-quality checks,
/// MLG3xxx data and model input, MLG4xxx drift, MLG5xxx model evaluation, MLG6xxx registry, MLG8xxx reports, MLG9xxx internal. The README lists them with what they mean.
/// </summary>
public static class ErrorCodes
{
    public const string BadUsage = "MLG0001";
    public const string FailedOnWarnings = "MLG0005";
    public const string FileAccess = "MLG0009";

    public const string YamlSyntax = "MLG1001";
    public const string UnknownKey = "MLG1002";
    public const string WrongType = "MLG1003";
    public const string InvalidValue = "MLG1004";
    public const string MissingKey = "MLG1005";
    public const string FileNotFound = "MLG1006";
    public const string UnknownReference = "MLG1007";
    public const string DuplicateName = "MLG1008";
    public const string ConfigNotFound = "MLG1009";
    public const string UnsupportedVersion = "MLG1010";
    public const string EmptyConfig = "MLG1011";
    public const string OutsideRepository = "MLG1012";

    public const string DataFileNotFound = "MLG3001";
    public const string DataPathIsDirectory = "MLG3002";
    public const string EmptyData = "MLG3003";
    public const string RaggedRow = "MLG3004";
    public const string UnclosedQuote = "MLG3005";
    public const string InvalidUtf8 = "MLG3006";
    public const string UnreadableParquet = "MLG3007";
    public const string BadHeader = "MLG3008";
    public const string DataIo = "MLG3010";
    public const string NumberColumnHoldsText = "MLG3011";
    public const string BadSnapshot = "MLG3012";
    public const string BadModel = "MLG3013";
    public const string SchemaMismatch = "MLG3014";
    public const string UnknownClass = "MLG3015";
    public const string BadPrediction = "MLG3016";
    public const string RowsDoNotAlign = "MLG3017";
    public const string MissingColumn = "MLG3018";
    public const string NotRegularFile = "MLG3019";
    public const string BadReport = "MLG3020";
    public const string OnnxRuntimeMissing = "MLG3021";

    public const string MetricThreshold = "MLG5001";
    public const string MetricChange = "MLG5002";
    public const string NonInferiority = "MLG5003";
    public const string SliceMetric = "MLG5004";
    public const string MissingBaseline = "MLG5005";
    public const string NotSignificant = "MLG5006";

    public const string InvalidName = "MLG6001";
    public const string NotInRegistry = "MLG6002";
    public const string PromotionRefused = "MLG6003";
    public const string ArtifactChanged = "MLG6004";
    public const string RegistryUnavailable = "MLG6005";
    public const string NothingToRollBack = "MLG6006";
    public const string GatesFailed = "MLG6007";
    public const string RegistryCorrupt = "MLG6008";
    public const string RegistryNotWritable = "MLG6009";

    public const string TemplateError = "MLG8001";
    public const string ReportWrite = "MLG8002";

    public const string Internal = "MLG9001";
}
