using Microsoft.ML;
using Microsoft.ML.Data;

// Trains a customer-churn classifier on data/customers.csv. The build has already checked that data with the
// gates in mlops-gates.yml, so training never starts from data that breaks its expectations.
var ml = new MLContext(seed: 1);
var path = Path.Combine(AppContext.BaseDirectory, "data", "customers.csv");
var data = ml.Data.LoadFromTextFile<Customer>(path, hasHeader: true, separatorChar: ',');
var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
var pipeline = ml.Transforms.Categorical.OneHotEncoding([new("ContractEncoded", "Contract"), new("PaymentEncoded", "PaymentMethod")])
    .Append(ml.Transforms.Concatenate("Features", "TenureMonths", "MonthlyCharges", "TotalCharges", "SupportCalls", "ContractEncoded", "PaymentEncoded"))
    .Append(ml.Transforms.NormalizeMinMax("Features"))
    .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: "Churned"));
var model = pipeline.Fit(split.TrainSet);
var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet), labelColumnName: "Churned");
Console.WriteLine($"accuracy {metrics.Accuracy:0.000}, AUC {metrics.AreaUnderRocCurve:0.000}");
ml.Model.Save(model, data.Schema, Path.Combine(AppContext.BaseDirectory, "churn-model.zip"));

public sealed class Customer
{
    [LoadColumn(0)] public string CustomerId { get; set; } = "";
    [LoadColumn(1)] public float TenureMonths { get; set; }
    [LoadColumn(2)] public float MonthlyCharges { get; set; }
    [LoadColumn(3)] public float TotalCharges { get; set; }
    [LoadColumn(4)] public string Contract { get; set; } = "";
    [LoadColumn(5)] public string PaymentMethod { get; set; } = "";
    [LoadColumn(6)] public float SupportCalls { get; set; }
    [LoadColumn(8)] public bool Churned { get; set; }
}
