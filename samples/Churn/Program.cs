using Microsoft.ML;
using Microsoft.ML.Data;

// Trains a customer-churn classifier on data/customers.csv and saves it. The build runs this (target TrainChurnModel
// in Churn.csproj) and then the gates in mlops-gates.yml: they check the training data, compare the new model with
// the one in production (models/production.zip) on data/recent.csv, and fail the build when either falls short.
//
// usage: Churn [MODEL_PATH] [ROWS]   (default: churn-model.zip beside the program; ROWS trains on the first rows only)
var ml = new MLContext(seed: 1);
var output = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.Combine(AppContext.BaseDirectory, "churn-model.zip");
var path = Path.Combine(AppContext.BaseDirectory, "data", "customers.csv");
var data = ml.Data.LoadFromTextFile<Customer>(path, hasHeader: true, separatorChar: ',');
if (args.Length > 1)
{
    data = ml.Data.TakeRows(data, long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
}

// The input columns carry the data file's own names, so MlOps.Gates can score the file with the saved model as it is.
var pipeline = ml.Transforms.Categorical.OneHotEncoding([new("contract_encoded", "contract"), new("payment_encoded", "payment_method")])
    .Append(ml.Transforms.Concatenate("Features", "tenure_months", "monthly_charges", "total_charges", "support_calls", "contract_encoded", "payment_encoded"))
    .Append(ml.Transforms.NormalizeMinMax("Features"))
    .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: "churned"));
var model = pipeline.Fit(data);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
ml.Model.Save(model, data.Schema, output);
Console.WriteLine($"trained {output}");

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
