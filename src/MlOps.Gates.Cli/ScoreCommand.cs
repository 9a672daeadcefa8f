using System.CommandLine;
using MlOps.Gates.Data;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Models;
using MlOps.Gates.Scoring;

namespace MlOps.Gates.Cli;

/// <summary><c>mlops-gates score</c>: batch scoring of a dataset with an ML.NET or ONNX model into CSV, TSV or Parquet.</summary>
internal static class ScoreCommand
{
    public static Command Create(GatesApp app)
    {
        var model = new Option<string>("--model", "-m") { Description = "The model: ML.NET (.zip) or ONNX (.onnx).", Required = true };
        var dataPath = new Option<string>("--data", "-d") { Description = "The data to score: CSV, TSV or Parquet.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the predictions: .csv, .tsv or .parquet (one row per data row, written whole or not at all).", Required = true }.WritesFile();
        var outputFormat = new Option<DataFormat?>("--output-format") { Description = "csv, tsv or parquet (default: from the output's extension; csv otherwise)." };
        var keep = new Option<string[]>("--keep") { Description = "A data column to copy beside the predictions (an id, the label, a slice column); repeat for several.", AllowMultipleArgumentsPerToken = false };
        var inputs = new Option<string[]>("--input") { Description = "A model input fed from differently named data columns: INPUT=COL, or INPUT=COL1,COL2,... for a vector.", AllowMultipleArgumentsPerToken = false };
        var modelOutputs = new Option<string[]>("--model-output") { Description = "Which model output holds a role: predicted=NAME, score=NAME or probability=NAME (default: ML.NET's and skl2onnx's usual names).", AllowMultipleArgumentsPerToken = false };
        var classes = new Option<string[]>("--class") { Description = "The class names of a model that gives only class indices, in index order; repeat for each.", AllowMultipleArgumentsPerToken = false };
        var task = new Option<string?>("--task") { Description = "binary, multiclass or regression (default: from the model's outputs)." };
        var data = new DataOptions();
        var command = new Command("score", "Score a dataset with a model: the predicted label, probabilities and score per row, beside the kept columns, ready for evaluate --predictions, drift and monitor.")
        {
            model, dataPath, output, outputFormat, keep, inputs, modelOutputs, classes, task,
        };
        data.AddTo(command, withArgument: false);
        command.SetAction(parse => app.Guard(() =>
        {
            var modelPath = parse.GetValue(model)!;
            var full = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var request = new ScoreRequest
            {
                Model = Path.GetFullPath(modelPath),
                ModelDisplayPath = modelPath,
                Data = data.Read(parse, parse.GetValue(dataPath)!),
                Output = full,
                OutputDisplayPath = parse.GetValue(output)!,
                OutputFormat = parse.GetValue(outputFormat),
                Keep = parse.GetValue(keep) ?? [],
                Io = new ModelInputs
                {
                    Inputs = CommandLinePairs.Read(parse.GetValue(inputs), "--input").ToDictionary(p => p.Key, p => (IReadOnlyList<string>)CommandLinePairs.Split(p.Value), StringComparer.Ordinal),
                    Outputs = CommandLinePairs.Read(parse.GetValue(modelOutputs), "--model-output").ToDictionary(p => Role(p.Key), p => p.Value, StringComparer.Ordinal),
                    Classes = parse.GetValue(classes) ?? [],
                },
                Task = parse.GetValue(task) is { } t ? Task(t) : null,
            };
            var summary = BatchScorer.Score(request, app.Cancellation);
            app.Output.WriteLine($"mlops-gates: scored {summary.Rows} rows of {request.Data.DisplayPath} with {modelPath} ({summary.Task.ToString().ToLowerInvariant()}) into {request.OutputDisplayPath}: {string.Join(", ", summary.Columns)}");
            return ExitCodes.Passed;
        }));
        return command;
    }

    private static string Role(string role) => role is "predicted" or "score" or "probability"
        ? role
        : throw new GatesInputException(ErrorCodes.BadUsage, $"--model-output '{role}=...': the role is predicted, score or probability");

    private static EvaluationTask Task(string text) => Enum.TryParse<EvaluationTask>(text, ignoreCase: true, out var task) && !int.TryParse(text, out _)
        ? task
        : throw new GatesInputException(ErrorCodes.BadUsage, $"--task '{text}': expected binary, multiclass or regression");
}
