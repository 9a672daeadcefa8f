using MlOps.Gates.Config;
using MlOps.Gates.Registry;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>Results name the files their gates read, and the input stamp covers every one of them, the suite included.</summary>
public sealed class InputStampTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private GatesConfig Load()
    {
        _dir.Write("data.csv", "x\n1\n2\n");
        _dir.Write("reference.csv", "x\n1\n3\n");
        return GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", """
            gates:
              - name: quality
                dataset: data.csv
                suite: suite.yml
              - name: drift
                type: drift
                reference: reference.csv
                current: data.csv
            """));
    }

    [Fact]
    public void Changing_the_suite_changes_the_stamp()
    {
        _dir.Write("suite.yml", "checks:\n  - {expect: not_null, column: x}\n");
        var before = InputStamp.Compute(Load(), []);
        _dir.Write("suite.yml", "checks:\n  - {expect: not_null, column: x}\n  - {expect: unique, column: x}\n");

        var after = InputStamp.Compute(Load(), []);

        Assert.NotEqual(before, after);
        Assert.Contains(Path.Combine(_dir.Path, "suite.yml"), InputStamp.InputFiles(Load()));
    }

    [Fact]
    public void Results_carry_their_inputs_and_a_registration_fingerprints_the_datasets_from_them()
    {
        _dir.Write("suite.yml", "checks:\n  - {expect: not_null, column: x}\n");
        var config = Load();
        var run = new GateRunner().Run(config);

        Assert.Equal(["dataset", "suite"], run.Gates[0].Inputs.Select(i => i.Role));
        Assert.Equal(["reference", "current"], run.Gates[1].Inputs.Select(i => i.Role));
        var noGates = new GatesConfig { BaseDirectory = config.BaseDirectory, Gates = [] };
        var draft = RegistrationBuilder.FromRun(run, noGates, _dir.Write("model.zip", "m"));
        Assert.Equal(["data.csv", "reference.csv"], draft.Datasets.Select(d => d.Path).Order(StringComparer.Ordinal));
        Assert.Equal(FileHash.Sha256(Path.Combine(_dir.Path, "data.csv")).Hash, draft.Datasets.Single(d => d.Path == "data.csv").Sha256);
    }
}
