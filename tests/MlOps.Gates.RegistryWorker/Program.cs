using System.Globalization;
using MlOps.Gates.Registry;

// usage: stress ROOT MODEL ITERATIONS WORKER   registers ITERATIONS artifacts of its own and promotes each
//        slow ROOT MODEL FILE                  registers FILE (a large one, so a test can kill it mid-copy)
var registry = new LocalRegistry(args[1]);
var change = new ChangeInfo($"worker", null, null);
switch (args[0])
{
    case "stress":
        var iterations = int.Parse(args[3], CultureInfo.InvariantCulture);
        var worker = args[4];
        var folder = Path.Combine(Path.GetTempPath(), "mlops-gates-worker-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        for (var i = 0; i < iterations; i++)
        {
            var artifact = Path.Combine(folder, "model.bin");
            File.WriteAllText(artifact, $"worker {worker} iteration {i}");
            var version = registry.Register(args[2], new VersionDraft { ArtifactPath = artifact, Tags = new Dictionary<string, string> { ["worker"] = worker, ["iteration"] = i.ToString(CultureInfo.InvariantCulture) } }, change with { By = "worker " + worker });
            registry.SetAlias(args[2], i % 2 == 0 ? "staging" : "production", version.Version, change with { By = "worker " + worker });
        }

        Directory.Delete(folder, recursive: true);
        break;
    case "slow":
        Console.WriteLine("started");
        registry.Register(args[2], new VersionDraft { ArtifactPath = args[3] }, change);
        break;
}
