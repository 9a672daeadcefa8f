namespace MlOps.Gates.Data;

/// <summary>Opens the right reader for a dataset's format.</summary>
public static class TableReaders
{
    public static TableReader Open(DatasetOptions options) => options.Format switch
    {
        DataFormat.Parquet => ParquetTableReader.Open(options),
        _ => CsvTableReader.Open(options),
    };
}
