namespace MlOps.Gates.Data;

public enum DataFormat
{
    Csv,
    Tsv,
    Parquet,
}
