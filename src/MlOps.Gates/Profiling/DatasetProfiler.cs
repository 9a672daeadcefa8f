using MlOps.Gates.Data;

namespace MlOps.Gates.Profiling;

/// <summary>Profiles a dataset in one pass, as the basis of an inferred suite.</summary>
public static class DatasetProfiler
{
    public static DatasetProfile Profile(DatasetOptions dataset, ProfileOptions options)
    {
        using var reader = TableReaders.Open(dataset);
        var columns = reader.Columns.Select(c => new ColumnProfile(c, options.MaxCategories)).ToArray();
        var batch = reader.CreateBatch(Enumerable.Range(0, columns.Length));
        long rows = 0;
        while (reader.ReadBatch(batch))
        {
            rows += batch.Count;
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i].Observe(batch, i);
            }
        }

        return new DatasetProfile(dataset.Name, dataset.DisplayPath, rows, columns);
    }
}
