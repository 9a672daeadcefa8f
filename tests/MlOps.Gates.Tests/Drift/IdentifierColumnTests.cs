using System.Globalization;
using System.Text;
using MlOps.Gates.Config;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>Identifier-like columns are left out of a drift gate with a note, unless the gate says otherwise.</summary>
public sealed class IdentifierColumnTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private void Write(string name, int first, int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("customer_id,trip_id,zip,age\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"C{first + i:D6},{first + i},{10000 + random.Next(40)},{20 + random.Next(50)}\n");
        }

        _dir.Write(name, text.ToString());
    }

    [Fact]
    public void Text_and_whole_number_ids_are_left_out_with_a_note_and_the_rest_is_tested()
    {
        Write("reference.csv", 0, 500, 1);
        Write("current.csv", 100_000, 500, 1);
        var config = GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", "gates:\n  - name: drift\n    type: drift\n    reference: reference.csv\n    current: current.csv\n"));

        var run = new GateRunner().Run(config);

        var gate = run.Gates.Single();
        Assert.True(gate.Status == GateStatus.Passed, string.Join("\n", gate.Checks.Select(c => $"{c.Id}: {c.Message}")));
        Assert.Equal((2, 0), (gate.Drift!.ColumnsTested, gate.Drift.ColumnsDrifted));
        var customer = gate.Checks.Single(c => c.Id == "customer_id");
        Assert.Contains("identifier-like: 500 distinct values in 500 rows", customer.Message, StringComparison.Ordinal);
        Assert.Equal("id", customer.Parameters["column_type"]);
        Assert.Contains("identifier-like: 500 distinct whole numbers", gate.Checks.Single(c => c.Id == "trip_id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_types_override_the_inference_either_way()
    {
        Write("reference.csv", 0, 500, 1);
        Write("current.csv", 100_000, 500, 1);
        var config = GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", """
            gates:
              - name: drift
                type: drift
                reference: reference.csv
                current: current.csv
                column_types: {trip_id: numeric, zip: id}
            """));

        var gate = new GateRunner().Run(config).Gates.Single();

        Assert.Equal(2, gate.Drift!.ColumnsTested); // trip_id and age; zip declared an id, customer_id inferred one
        Assert.Contains("declared an identifier", gate.Checks.Single(c => c.Id == "zip").Message, StringComparison.Ordinal);
        Assert.Equal(GateStatus.Failed, gate.Status); // trip_id's ranges do not overlap at all
    }

    [Fact]
    public void A_column_type_the_tool_does_not_know_is_an_error_at_its_place()
    {
        Write("reference.csv", 0, 60, 1);
        var path = _dir.Write("mlops-gates.yml", "gates:\n  - name: drift\n    type: drift\n    reference: reference.csv\n    current: reference.csv\n    column_types: {zip: postcode}\n");

        var error = Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(path)).Errors.Single();

        Assert.Equal((ErrorCodes.InvalidValue, 6), (error.Code, error.Location!.Line));
    }
}
