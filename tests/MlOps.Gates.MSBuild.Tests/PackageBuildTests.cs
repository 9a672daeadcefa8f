namespace MlOps.Gates.MSBuild.Tests;

[CollectionDefinition("package")]
public sealed class PackageCollection : ICollectionFixture<PackedPackage>;

[Collection("package")]
public sealed class PackageBuildTests(PackedPackage package)
{
    private (int Exit, string Output) Build(string project, params string[] extra) =>
        Dotnet.Run(project, package.Environment, ["build", $"-p:MlOpsGatesVersion={package.Version}", "--nologo", "-v:n", "--disable-build-servers", .. extra]);

    [Fact]
    public void Sample_build_runs_the_gates_writes_four_reports_and_skips_them_when_nothing_changed()
    {
        var sample = package.CopySample("Churn");

        var (exit, output) = Build(sample);

        Assert.True(exit == 0, output);
        Assert.Contains("trained ", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(sample, "models", "churn-model.zip")));
        Assert.Contains("mlops-gates: passed with warnings: 3 gate(s)", output, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(sample, "mlops-gates.yml")}(", output, StringComparison.Ordinal);
        Assert.Contains("warning MLG4001: customer-drift: contract:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("mlops-gates : warning", output, StringComparison.Ordinal);
        var reports = Path.Combine(sample, "artifacts", "mlops-gates");
        foreach (var file in new[] { "report.md", "report.html", "report.json", "junit.xml" })
        {
            Assert.True(File.Exists(Path.Combine(reports, file)), file);
        }

        using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(reports, "report.json"))))
        {
            var gate = json.RootElement.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("type").GetString() == "evaluate");
            Assert.Equal("passed", gate.GetProperty("status").GetString());
            var evaluation = gate.GetProperty("evaluation");
            Assert.Equal("models/churn-model.zip", evaluation.GetProperty("candidate").GetString());
            Assert.Equal("models/production.zip", evaluation.GetProperty("baseline").GetString());
            Assert.Contains(evaluation.GetProperty("metrics").EnumerateArray(), m => m.GetProperty("name").GetString() == "roc_auc" && m.GetProperty("intervalLow").ValueKind == System.Text.Json.JsonValueKind.Number);
        }

        var (again, second) = Build(sample);
        Assert.True(again == 0, second);
        Assert.Contains("Skipping target \"TrainChurnModel\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("mlops-gates: passed", second, StringComparison.Ordinal);
        Assert.Contains("Skipping target \"_MlOpsGatesRun\"", second, StringComparison.Ordinal);

        // The skipped run's warnings show again, at their place, marked as the last run's; never twice on a real run.
        Assert.DoesNotContain("(from the last run", output, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(sample, "mlops-gates.yml")}(", second, StringComparison.Ordinal);
        Assert.Contains("warning MLG4001: customer-drift: contract:", second, StringComparison.Ordinal);
        Assert.Contains("(from the last run; inputs unchanged)", second, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_fails_the_build_with_the_code_and_the_data_line()
    {
        var sample = package.CopySample("Churn");
        var data = Path.Combine(sample, "data", "customers.csv");
        var lines = File.ReadAllLines(data);
        const int row = 250;
        var cells = lines[row].Split(',');
        cells[1] = "-7";
        lines[row] = string.Join(',', cells);
        File.WriteAllLines(data, lines);

        var (exit, output) = Build(sample, "-p:MlOpsPromoteTo=staging");

        Assert.NotEqual(0, exit);
        Assert.Contains($"{data}({row + 1},8): error MLG2009:", output, StringComparison.Ordinal);
        Assert.Contains("error MLG6007: registry: churn was not registered: the gates failed", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(sample, ".mlops-registry", "models")));
        Assert.DoesNotContain("MSB3073", output, StringComparison.Ordinal);
        Assert.DoesNotContain("MLG0006", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_worse_than_production_fails_the_build_at_the_metrics_line_in_the_gates_file()
    {
        // The candidate trains on 40 rows; production on 250. The gate must find it worse beyond the margin.
        var sample = package.CopySample("Churn");
        var config = Path.Combine(sample, "mlops-gates.yml");
        var lines = File.ReadAllLines(config);
        var roc = Array.FindIndex(lines, l => l.Trim() == "roc_auc: 0.7");

        var (exit, output) = Build(sample, "-p:ChurnTrainingRows=40");

        Assert.NotEqual(0, exit);
        Assert.Contains($"{config}({roc + 1},7): error MLG5001: churn-model: roc_auc: roc_auc = ", output, StringComparison.Ordinal);
        Assert.Contains("may be worse than the baseline by up to", output, StringComparison.Ordinal);
        Assert.DoesNotContain("MSB3073", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_build_registers_the_model_it_trained_and_promotes_it_when_asked()
    {
        var sample = package.CopySample("Churn");

        var (exit, output) = Build(sample, "-c", "Release", "-p:MlOpsPromoteTo=staging", "-p:MlOpsPromoteReason=release-build");
        var (again, second) = Build(sample, "-c", "Release", "-t:MlOpsPromote", "-p:MlOpsPromoteTo=production");

        Assert.True(exit == 0, output);
        Assert.Contains("mlops-gates: registered churn version 1", output, StringComparison.Ordinal);
        Assert.Contains("mlops-gates: promoted churn version 1 to staging", output, StringComparison.Ordinal);
        Assert.True(again == 0, second);
        Assert.Contains("already holds this artifact", second, StringComparison.Ordinal);
        Assert.Contains("mlops-gates: promoted churn version 1 to production", second, StringComparison.Ordinal);
        var aliases = File.ReadAllText(Path.Combine(sample, ".mlops-registry", "models", "churn", "aliases.json"));
        Assert.Contains("\"production\"", aliases, StringComparison.Ordinal);
        var audit = File.ReadAllLines(Path.Combine(sample, ".mlops-registry", "models", "churn", "audit.jsonl"));
        Assert.Equal(3, audit.Length);
        Assert.Contains("release-build", audit[0], StringComparison.Ordinal);
        Assert.Contains("### Registry", File.ReadAllText(Path.Combine(sample, "artifacts", "mlops-gates", "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_targeted_project_runs_the_gates_once_design_time_builds_skip_them_and_the_target_runs_alone()
    {
        var project = Path.Combine(package.Root.Path, "work", "multi-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Multi.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>net8.0;net10.0</TargetFrameworks>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MlOps.Gates" Version="$(MlOpsGatesVersion)" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Class1.cs"), "namespace Multi; public static class Class1 { }\n");
        File.WriteAllText(Path.Combine(project, "data.csv"), "x\n1\n2\n");
        File.WriteAllText(Path.Combine(project, "mlops-gates.yml"), "gates:\n  - name: g\n    dataset: {path: data.csv}\n    checks:\n      - expect: not_null\n        column: x\n");
        File.Copy(Path.Combine(package.CopySample("Churn"), "nuget.config"), Path.Combine(project, "nuget.config"));

        var (designExit, designOutput) = Build(project, "-p:DesignTimeBuild=true");
        Assert.True(designExit == 0, designOutput);
        Assert.DoesNotContain("mlops-gates:", designOutput, StringComparison.Ordinal);

        var (alone, aloneOutput) = Dotnet.Run(project, package.Environment, "build", "-t:MlOpsGates", $"-p:MlOpsGatesVersion={package.Version}", "--nologo", "-v:n", "--disable-build-servers");
        Assert.True(alone == 0, aloneOutput);
        Assert.Single(aloneOutput.Split('\n'), l => l.Contains("mlops-gates: passed", StringComparison.Ordinal));

        var (exit, output) = Build(project);
        Assert.True(exit == 0, output);
        Assert.DoesNotContain("mlops-gates: passed", output, StringComparison.Ordinal);
        Assert.Contains("Skipping target \"_MlOpsGatesRun\"", output, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(project, "data.csv"), "x\n1\n3\n");
        var (changed, changedOutput) = Build(project);
        Assert.True(changed == 0, changedOutput);
        Assert.Single(changedOutput.Split('\n'), l => l.Contains("mlops-gates: passed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_project_target_calls_MlOpsCheckData_and_gets_the_error_at_the_data_line_and_the_status()
    {
        var project = Path.Combine(package.Root.Path, "work", "composed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(project, "data"));
        File.WriteAllText(Path.Combine(project, "Composed.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <MlOpsGatesEnabled>false</MlOpsGatesEnabled>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MlOps.Gates" Version="$(MlOpsGatesVersion)" PrivateAssets="all" />
                <TrainingData Include="data/*.csv" />
              </ItemGroup>
              <Target Name="ValidateTrainingData" AfterTargets="Build">
                <MlOpsCheckData Data="@(TrainingData)" Suite="data/suite.yml" ReportDirectory="$(OutDir)dq" ContinueOnError="ErrorAndContinue">
                  <Output TaskParameter="Status" PropertyName="DataStatus" />
                  <Output TaskParameter="Reports" ItemName="DataReport" />
                </MlOpsCheckData>
                <Message Importance="high" Text="DataStatus=$(DataStatus); reports: @(DataReport->'%(Format)', ',')" />
              </Target>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Class1.cs"), "namespace Composed; public static class Class1 { }\n");
        File.WriteAllText(Path.Combine(project, "data", "train.csv"), "id,age\n1,30\n2,-4\n");
        File.WriteAllText(Path.Combine(project, "data", "suite.yml"), "checks:\n  - expect: between\n    column: age\n    min: 0\n    max: 120\n");
        File.Copy(Path.Combine(package.CopySample("Churn"), "nuget.config"), Path.Combine(project, "nuget.config"));

        var (exit, output) = Build(project);

        Assert.NotEqual(0, exit);
        Assert.Contains($"{Path.Combine(project, "data", "train.csv")}(3,3): error MLG2009:", output, StringComparison.Ordinal);
        Assert.Contains("DataStatus=failed; reports: md,html,json,junit", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(project, "bin", "Debug", "net10.0", "dq", "report.html")));
        Assert.DoesNotContain("MSB", output.Replace("MSBuild", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_build_stops_the_cli_cleanly_and_keeps_the_previous_reports()
    {
        var project = Path.Combine(package.Root.Path, "work", "cancelled-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Cancelled.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="MlOps.Gates" Version="$(MlOpsGatesVersion)" PrivateAssets="all" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Class1.cs"), "namespace Cancelled; public static class Class1 { }\n");
        File.WriteAllText(Path.Combine(project, "mlops-gates.yml"), "gates:\n  - name: g\n    dataset: {path: data.csv}\n    checks:\n      - {expect: unique, column: id}\n      - {expect: median_between, column: age, min: 0, max: 100}\n");
        File.WriteAllText(Path.Combine(project, "data.csv"), "id,age\n1,42\n");
        File.Copy(Path.Combine(package.CopySample("Churn"), "nuget.config"), Path.Combine(project, "nuget.config"));
        var (first, firstOutput) = Build(project);
        Assert.True(first == 0, firstOutput);
        var reports = Path.Combine(project, "artifacts", "mlops-gates");
        var before = Directory.GetFiles(reports).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        using (var writer = new StreamWriter(Path.Combine(project, "data.csv")))
        {
            writer.Write("id,age\n");
            for (var i = 0; i < 8_000_000; i++)
            {
                writer.Write(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.Write(",42\n");
            }
        }

        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "build", $"-p:MlOpsGatesVersion={package.Version}", "--nologo", "--no-restore", "--disable-build-servers" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NUGET_PACKAGES"] = package.Packages;
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        using var build = System.Diagnostics.Process.Start(start)!;
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEndAsync();
        var config = Path.Combine(project, "mlops-gates.yml");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!CliRunning(config) && clock.Elapsed < TimeSpan.FromMinutes(3) && !build.HasExited)
        {
            Thread.Sleep(100);
        }

        Assert.True(CliRunning(config), "the CLI never started");
        Thread.Sleep(1500);
        using (var interrupt = System.Diagnostics.Process.Start("kill", ["-INT", build.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            interrupt.WaitForExit();
        }

        Assert.True(build.WaitForExit(TimeSpan.FromMinutes(2)), "the build did not stop");
        var log = await output + await errors;
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("mlops-gates: cancelled; nothing was written", log, StringComparison.Ordinal);
        Assert.Contains("error MLG0010", log, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(reports).ToDictionary(f => Path.GetFileName(f), File.ReadAllText));
        Assert.False(CliRunning(config));
    }

    /// <summary>Whether an mlops-gates process for this gates file is running (Linux: from /proc).</summary>
    private static bool CliRunning(string config) =>
        Directory.GetDirectories("/proc").Any(d =>
        {
            try
            {
                var command = File.ReadAllText(Path.Combine(d, "cmdline"));
                return command.Contains("mlops-gates.dll", StringComparison.Ordinal) && command.Contains(config, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });
}
