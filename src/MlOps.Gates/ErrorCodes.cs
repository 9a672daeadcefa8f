namespace MlOps.Gates;

/// <summary>
/// Every code MlOps.Gates reports but the checks' (MLG2xxx, in <see cref="Quality.CheckCatalog"/>): MLG0xxx usage and
/// MSBuild, MLG1xxx gates file, MLG3xxx data and model input, MLG4xxx drift, MLG5xxx model evaluation, MLG6xxx
/// registry, MLG8xxx reports, MLG9xxx internal. <see cref="Catalogue"/> says what each means; the README's table says
/// the same, which a test holds them to.
/// </summary>
public static class ErrorCodes
{
    // MLG0003, 0004, 0006, 0007, 0008 and 0010 are reported by the MSBuild targets and tasks, which cannot reference
    // the engine; the test of this catalogue reads their codes from there.
    public const string BadUsage = "MLG0001";
    public const string GatesFileMissing = "MLG0003";
    public const string BadFailOn = "MLG0004";
    public const string FailedOnWarnings = "MLG0005";
    public const string CliFailed = "MLG0006";
    public const string ModelItemMissing = "MLG0007";
    public const string PromoteToMissing = "MLG0008";
    public const string FileAccess = "MLG0009";
    public const string Cancelled = "MLG0010";

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
    public const string UnsupportedExpectation = "MLG1013";

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

    public const string ColumnDrifted = "MLG4001";
    public const string DatasetDrifted = "MLG4002";
    public const string DriftColumnMissing = "MLG4003";
    public const string DriftColumnEmpty = "MLG4004";

    public const string MetricThreshold = "MLG5001";
    public const string MetricChange = "MLG5002";
    public const string NonInferiority = "MLG5003";
    public const string SliceMetric = "MLG5004";
    public const string MissingBaseline = "MLG5005";
    public const string NotSignificant = "MLG5006";
    public const string ShadowAgreement = "MLG5007";

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

    /// <summary>Each code with its meaning, as the README's table of error codes gives it.</summary>
    public static IReadOnlyList<ErrorCode> Catalogue { get; } =
    [
        new(BadUsage, "bad usage: of the command line, or of an MSBuild task's parameters"),
        new(GatesFileMissing, "MSBuild: the gates file named by `MlOpsGatesConfig` does not exist, or `MlOpsRunGates` was given none"),
        new(BadFailOn, "MSBuild: `MlOpsGatesFailOn` (a task's `FailOn`) is neither error nor warning"),
        new(FailedOnWarnings, "the run failed at the warning level (`--fail-on warning`)"),
        new(CliFailed, "MSBuild: the CLI is missing, or exited with an unexpected code and reported no error (no .NET runtime?)"),
        new(ModelItemMissing, "MSBuild: registering needs exactly one `MlOpsModel` item"),
        new(PromoteToMissing, "MSBuild: `MlOpsPromote` needs `MlOpsPromoteTo`"),
        new(FileAccess, "a file cannot be read or written (the message names it and says why: a folder, no permission, a full disk)"),
        new(Cancelled, "MSBuild: the gates were cancelled (exit 130, or SIGTERM before the CLI listened); the previous reports are kept"),
        new(YamlSyntax, "gates file: invalid YAML"),
        new(UnknownKey, "gates file: unknown key"),
        new(WrongType, "gates file: wrong type"),
        new(InvalidValue, "gates file: invalid value"),
        new(MissingKey, "gates file: required key missing"),
        new(FileNotFound, "gates file: a referenced file (data, suite, templates) does not exist"),
        new(UnknownReference, "gates file: unknown dataset, gate type or check"),
        new(DuplicateName, "gates file: duplicate name or key"),
        new(ConfigNotFound, "gates file not found or unreadable"),
        new(UnsupportedVersion, "unsupported gates file version"),
        new(EmptyConfig, "the gates file is empty"),
        new(OutsideRepository, "a path in the gates file leaves its repository without `allow_outside: true`"),
        new(UnsupportedExpectation, "a Great Expectations expectation this version does not implement (a warning and a skip with `unsupported: warn`)"),
        new(DataFileNotFound, "data file not found"),
        new(DataPathIsDirectory, "data path is a directory"),
        new(EmptyData, "empty data: an empty file, or a header with no rows"),
        new(RaggedRow, "a row has a different number of fields than the header"),
        new(UnclosedQuote, "a quote is never closed"),
        new(InvalidUtf8, "invalid UTF-8"),
        new(UnreadableParquet, "an unreadable or unsupported Parquet file"),
        new(BadHeader, "a bad header (a column name twice)"),
        new(DataIo, "the data file cannot be read"),
        new(NumberColumnHoldsText, "a column numeric in the reference holds text in the current data"),
        new(BadSnapshot, "a drift snapshot cannot be read"),
        new(BadModel, "a model file cannot be loaded (corrupt, or not an ML.NET model)"),
        new(SchemaMismatch, "a dataset does not fit a model's input schema (a column missing, of the wrong type, or a cell that is not a number)"),
        new(UnknownClass, "a label or prediction outside the classes (of the model, or the binary pair)"),
        new(BadPrediction, "a bad prediction or label: missing, not a number, NaN or infinity, a probability outside [0, 1]"),
        new(RowsDoNotAlign, "a baseline's rows do not align with the candidate's (another row count or other labels)"),
        new(MissingColumn, "a column an evaluation needs is missing from the predictions file"),
        new(NotRegularFile, "a data file or artifact is a pipe or a device, not a regular file"),
        new(BadReport, "a report.json given as input (`registry register --report`) cannot be read"),
        new(OnnxRuntimeMissing, "an ONNX model, but ONNX Runtime's native library cannot be loaded (add the `MlOps.Gates.Onnx` package)"),
        new(ColumnDrifted, "a column drifted (warning)"),
        new(DatasetDrifted, "the dataset drifted: the drifted share reached `drift_share`"),
        new(DriftColumnMissing, "a tested column is missing from one of the datasets"),
        new(DriftColumnEmpty, "a column has no values at all in one of the datasets, so it could not be tested (warning)"),
        new(MetricThreshold, "a metric missed its threshold (or has no value)"),
        new(MetricChange, "a metric did not improve on the baseline by `min_absolute_change` or `min_relative_change`"),
        new(NonInferiority, "a metric may be worse than the baseline by more than `non_inferiority_margin`"),
        new(SliceMetric, "a slice missed its thresholds"),
        new(MissingBaseline, "no baseline value to compare with: passed this time with a warning (or failed with `on_missing_baseline: fail`)"),
        new(NotSignificant, "an improvement the change rules ask for is not significant (`require_significant`)"),
        new(ShadowAgreement, "a shadow comparison: the candidate agrees with the baseline on fewer rows than `min_agreement`"),
        new(InvalidName, "a model or alias name that is not allowed (it could escape the registry folder)"),
        new(NotInRegistry, "a model, version or alias is not in the registry"),
        new(PromotionRefused, "a promotion refused by its policy (every reason named), or an archive of an alias holder"),
        new(ArtifactChanged, "an artifact changed after it was registered (`verify`, `download`)"),
        new(RegistryUnavailable, "the registry cannot be reached or locked, or refused the credentials"),
        new(NothingToRollBack, "nothing to roll back to"),
        new(GatesFailed, "not registered: the gates of the same run failed"),
        new(RegistryCorrupt, "a registry record is corrupt or unsafe (bad JSON, a name that would become a path outside the registry, an alias on a missing version); the message names the file"),
        new(RegistryNotWritable, "the registry cannot be written: a read-only file system, no permission or a full disk"),
        new(TemplateError, "a report template does not parse or fails to render"),
        new(ReportWrite, "reports cannot be written; the previous set in the folder is kept whole"),
        new(Internal, "internal error (please report it)"),
    ];
}
