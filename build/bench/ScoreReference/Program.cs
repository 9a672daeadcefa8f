using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

// Scores the churn sample's data shape with a saved model the way an ML.NET user writes it by hand: load the text file
// into the model's input class, Transform, CreateEnumerable, and write the id and the three outputs per row.
// usage: ScoreReference MODEL DATA OUT
var ml = new MLContext(seed: 0);
var model = ml.Model.Load(args[0], out _);
var data = ml.Data.LoadFromTextFile<Customer>(args[1], hasHeader: true, separatorChar: ',');
using var writer = new StreamWriter(args[2]);
writer.WriteLine("customer_id,predicted,probability,score");
long rows = 0;
foreach (var p in ml.Data.CreateEnumerable<Prediction>(model.Transform(data), reuseRowObject: true))
{
    writer.Write(p.CustomerId);
    writer.Write(p.PredictedLabel ? ",true," : ",false,");
    writer.Write(p.Probability.ToString("R", CultureInfo.InvariantCulture));
    writer.Write(',');
    writer.WriteLine(p.Score.ToString("R", CultureInfo.InvariantCulture));
    rows++;
}

Console.WriteLine($"scored {rows} rows");

public sealed class Customer
{
    [LoadColumn(0), ColumnName("customer_id")] public string CustomerId { get; set; } = "";
    [LoadColumn(1), ColumnName("tenure_months")] public float TenureMonths { get; set; }
    [LoadColumn(2), ColumnName("monthly_charges")] public float MonthlyCharges { get; set; }
    [LoadColumn(3), ColumnName("total_charges")] public float TotalCharges { get; set; }
    [LoadColumn(4), ColumnName("contract")] public string Contract { get; set; } = "";
    [LoadColumn(5), ColumnName("payment_method")] public string PaymentMethod { get; set; } = "";
    [LoadColumn(6), ColumnName("support_calls")] public float SupportCalls { get; set; }
    [LoadColumn(8), ColumnName("churned")] public bool Churned { get; set; }
}

public sealed class Prediction
{
    [ColumnName("customer_id")] public string CustomerId { get; set; } = "";
    public bool PredictedLabel { get; set; }
    public float Probability { get; set; }
    public float Score { get; set; }
}
