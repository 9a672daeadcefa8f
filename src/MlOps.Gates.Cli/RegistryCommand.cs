using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MlOps.Gates.Config;
using MlOps.Gates.Registry;
using MlOps.Gates.Results;

namespace MlOps.Gates.Cli;

/// <summary>
/// <c>mlops-gates registry</c>: register, list, show, promote, rollback, archive, tag, download and verify model
/// versions in the gates file's registry, a local folder (<c>--registry</c>) or an MLflow server (<c>--mlflow</c>).
/// </summary>
internal static class RegistryCommand
{
    private static readonly JsonSerializerOptions Json = new(MlOps.Gates.Reporting.ReportJson.Options);

    private sealed record Common(Option<string> Config, Option<string?> Registry, Option<string?> Mlflow, Option<bool> AsJson);

    public static Command Create(GatesApp app)
    {
        var common = new Common(
            new Option<string>("--config", "-c") { Description = $"The gates file whose 'registry' section to use (default: {GatesConfig.DefaultFileName}).", DefaultValueFactory = _ => GatesConfig.DefaultFileName },
            new Option<string?>("--registry") { Description = "A local registry folder, instead of the gates file's." },
            new Option<string?>("--mlflow") { Description = "An MLflow tracking URI, instead of the gates file's (credentials from MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD)." },
            new Option<bool>("--json") { Description = "Print JSON." });
        var command = new Command("registry", "Model versions, aliases and promotions in the model registry.");
        foreach (var sub in new[] { Register(app, common), List(app, common), Show(app, common), Promote(app, common), Rollback(app, common), Archive(app, common), Tag(app, common), Download(app, common), Verify(app, common), Diff(app, common), Card(app, common) })
        {
            sub.Options.Add(common.Config);
            sub.Options.Add(common.Registry);
            sub.Options.Add(common.Mlflow);
            sub.Options.Add(common.AsJson);
            command.Subcommands.Add(sub);
        }

        return command;
    }

    private static Command Register(GatesApp app, Common common)
    {
        var name = new Argument<string>("MODEL") { Description = "The model's name." };
        var artifact = new Option<string>("--artifact", "-a") { Description = "The model file.", Required = true };
        var report = new Option<string?>("--report") { Description = "A report.json whose gate results to record (default: none)." };
        var param = new Option<string[]>("--param") { Description = "KEY=VALUE, repeatable.", AllowMultipleArgumentsPerToken = false };
        var metric = new Option<string[]>("--metric") { Description = "NAME=NUMBER, repeatable.", AllowMultipleArgumentsPerToken = false };
        var tag = new Option<string[]>("--tag") { Description = "KEY=VALUE, repeatable.", AllowMultipleArgumentsPerToken = false };
        var description = new Option<string?>("--description") { Description = "Free text." };
        var command = new Command("register", "Register a model file as the model's next version.") { name, artifact, report, param, metric, tag, description };
        command.SetAction(parse => app.Guard(() => With(app, parse, common, (registry, config) =>
        {
            var path = Path.GetFullPath(parse.GetValue(artifact)!);
            var (gates, card) = parse.GetValue(report) is { } reportPath ? MlOps.Gates.Reporting.ReportGates.ReadWithCard(reportPath) : ([], new Cards.CardFacts());
            if (gates.Any(g => g.Status == GateStatus.Failed))
            {
                throw new GatesInputException(ErrorCodes.GatesFailed, $"{parse.GetValue(report)} says gates failed ({string.Join(", ", gates.Where(g => g.Status == GateStatus.Failed).Select(g => g.Name))}); a model whose gates failed is not registered");
            }

            var directory = config?.BaseDirectory ?? Environment.CurrentDirectory;
            var git = new Provenance(app.Surroundings).Git(directory);
            var draft = new VersionDraft
            {
                ArtifactPath = path,
                Source = DisplayPaths.Relative(Environment.CurrentDirectory, path),
                Git = git,
                CiRunUrl = new Provenance(app.Surroundings).CiRunUrl(),
                RegisteredBy = new Provenance(app.Surroundings).Actor(),
                Params = Pairs(parse.GetValue(param)),
                Metrics = ReportMetrics(card).Concat(Pairs(parse.GetValue(metric)).Select(p => KeyValuePair.Create(p.Key, double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new GatesInputException(ErrorCodes.BadUsage, $"--metric {p.Key}={p.Value}: not a number"))))
                    .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
                Card = card.IsEmpty ? null : card,
                Tags = Pairs(parse.GetValue(tag)),
                Description = parse.GetValue(description),
                Gates = gates,
                Environment = ReproducibilityRecord.Capture(directory, Pairs(parse.GetValue(param))),
            };
            var version = registry.Register(RegistryNames.Model(parse.GetValue(name)!), draft, new ChangeInfo(new Provenance(app.Surroundings).Actor(), null, git?.Commit));
            app.Results.Registry("register", version.Name, version.Version, null);
            Print(app, parse, common, version, $"registered {version.Name} version {version.Version} (SHA-256 {version.ArtifactSha256[..12]}…) in {registry.Location}");
            return ExitCodes.Passed;
        })));
        return command;
    }

    /// <summary>The candidate's metrics of a report's evaluate gates, named as a run's registration names them; --metric overrides.</summary>
    private static IEnumerable<KeyValuePair<string, double>> ReportMetrics(Cards.CardFacts card) =>
        card.Evaluations.SelectMany(e => e.Metrics.Select(m => KeyValuePair.Create(card.Evaluations.Count == 1 ? m.Name : $"{e.Gate}.{m.Name}", m.Value)));

    private static Command List(GatesApp app, Common common)
    {
        var name = new Argument<string?>("MODEL") { Description = "A model: its versions (default: every model).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("list", "List the models, or one model's versions with their aliases.") { name };
        command.SetAction(parse => app.Guard(() => With(app, parse, common, (registry, _) =>
        {
            if (parse.GetValue(name) is not { } model)
            {
                var models = registry.Models();
                Print(app, parse, common, models, models.Count == 0 ? "no models" : string.Join(Environment.NewLine, models));
                return ExitCodes.Passed;
            }

            var versions = registry.Versions(model);
            Print(app, parse, common, versions, string.Join(Environment.NewLine, versions.Select(v =>
                string.Create(CultureInfo.InvariantCulture, $"{v.Name} {v.Version,4}  {v.Created:yyyy-MM-dd HH:mm}Z  {v.ArtifactSha256[..12]}  {(v.Archived ? "archived " : string.Empty)}{string.Join(",", v.Aliases)}")))); 
            return ExitCodes.Passed;
        })));
        return command;
    }

    private static Command Show(GatesApp app, Common common)
    {
        var reference = new Argument<string>("MODEL[@ALIAS|:VERSION]") { Description = "churn@production, churn:3, or churn for the latest version." };
        var command = new Command("show", "Show a version's record: artifact, provenance, datasets, gate results, aliases; and the audit log with --audit.") { reference };
        var audit = new Option<bool>("--audit") { Description = "Print the model's audit log instead." };
        command.Options.Add(audit);
        command.SetAction(parse => app.Guard(() => With(app, parse, common, (registry, _) =>
        {
            var (model, version) = Resolve(registry, parse.GetValue(reference)!);
            if (parse.GetValue(audit))
            {
                var entries = registry.Audit(model);
                Print(app, parse, common, entries, string.Join(Environment.NewLine, entries.Select(e =>
                    string.Create(CultureInfo.InvariantCulture, $"{e.Sequence,5} {e.At:yyyy-MM-dd HH:mm:ss}Z {e.Action} {e.Model} {e.Version}{(e.Alias is null ? "" : " @" + e.Alias)}{(e.Previous is null ? "" : $" (was {e.Previous})")} by {e.By}{(e.Reason is null ? "" : ": " + e.Reason)}"))));
                return ExitCodes.Passed;
            }

            var record = registry.Get(model, version);
            Print(app, parse, common, record, JsonSerializer.Serialize(record, Json));
            return ExitCodes.Passed;
        })));
        return command;
    }

    private static Command Promote(GatesApp app, Common common)
    {
        var name = new Argument<string>("MODEL");
        var version = new Argument<int?>("VERSION") { Description = "The version (default: the one that holds --artifact's bytes).", Arity = ArgumentArity.ZeroOrOne };
        var artifact = new Option<string?>("--artifact", "-a") { Description = "Promote the version that holds this model file's bytes, instead of naming it." };
        var to = new Option<string>("--to") { Description = "The alias: staging, production, or any name (MLflow's stages are accepted).", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit log." };
        var command = new Command("promote", "Point an alias at a version, if the alias's promotion policy allows it.") { name, version, artifact, to, reason };
        command.SetAction(parse => app.Guard(() => With(app, parse, common, (registry, config) =>
        {
            var policies = config?.Registry?.Policies ?? new Dictionary<string, PromotionPolicy>();
            var model = parse.GetValue(name)!;
            var number = (parse.GetValue(version), parse.GetValue(artifact)) switch
            {
                ({ } given, null) => given,
                (null, { } file) => VersionHolding(registry, model, file),
                (null, null) => throw new GatesInputException(ErrorCodes.BadUsage, "name the version to promote, or the model file with --artifact"),
                _ => throw new GatesInputException(ErrorCodes.BadUsage, "name the version or --artifact, not both"),
            };
            var alias = RegistryNames.Alias(parse.GetValue(to)!);
            var git = new Provenance(app.Surroundings).Git(config?.BaseDirectory ?? Environment.CurrentDirectory);
            int? previous;
            try
            {
                previous = new Promoter(registry, policies).Promote(model, number, alias, new ChangeInfo(new Provenance(app.Surroundings).Actor(), parse.GetValue(reason), git?.Commit));
            }
            catch (GatesInputException refused) when (refused.Errors is [{ Code: ErrorCodes.PromotionRefused } finding])
            {
                new FindingWriter(app.Output, LogFormat.Text, Environment.CurrentDirectory, app.Results).Write(finding);
                return ExitCodes.GateFailed;
            }

            app.Results.Registry("promote", model, number, alias);
            Print(app, parse, common, new { model, version = number, alias, previous }, $"promoted {model} version {number} to {alias}{(previous is null ? string.Empty : $" (was version {previous})")}");
            return ExitCodes.Passed;
        })));
        return command;
    }

    /// <summary>The newest version, not archived, whose artifact has these bytes.</summary>
    private static int VersionHolding(IModelRegistry registry, string model, string file)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new GatesInputException(ErrorCodes.FileNotFound, $"--artifact: file not found: {file}");
        }

        var (hash, _) = FileHash.Sha256(path);
        var versions = registry.Models().Contains(model) ? registry.Versions(model) : [];
        return versions.LastOrDefault(v => v.ArtifactSha256 == hash && !v.Archived)?.Version
            ?? throw new GatesInputException(ErrorCodes.NotInRegistry, $"no version of {model} holds {file} (SHA-256 {hash[..12]}…); register it first");
    }

    private static Command Rollback(GatesApp app, Common common)
    {
        var name = new Argument<string>("MODEL");
        var alias = new Argument<string>("ALIAS");
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit log." };
        var command = new Command("rollback", "Point an alias back at the version it pointed at before.") { name, alias, reason };
        command.SetAction(parse => app.Guard(() => With(app, parse, common, (registry, config) =>
        {
            var git = new Provenance(app.Surroundings).Git(config?.BaseDirectory ?? Environment.CurrentDirectory);
            var model = parse.GetValue(name)!;
            var target = RegistryNames.Alias(parse.GetValue(alias)!);
            var restored = registry.Rollback(model, target, new ChangeInfo(new Provenance(app.Surroundings).Actor(), parse.GetValue(reason), git?.Commit));
            Print(app, parse, common, new { model, alias = target, version = restored }, $"rolled {model}@{target} back to version {restored}");
            return ExitCodes.Passed;
        })));
        return command;
    }

    private static Command Archive(GatesApp app, Common common)
    {
        var name = new Argument<string>("MODEL");
        var version = new Argument<int>("VERSION");
        var command = new Command("archive", "Mark a version archived: it can no longer be promoted.") { name, version };
        command.SetAction(parse => app.Guard(() => With(app, parse, common, (registry, _) =>
        {
            registry.Archive(parse.GetValue(name)!, parse.GetValue(version), new ChangeInfo(new Provenance(app.Surroundings).Actor(), null, null));
            Print(app, parse, common, new { model = parse.GetValue(name), version = parse.GetValue(version), archived = true }, $"archived {parse.GetValue(name)} version {parse.GetValue(version)}");
            return ExitCodes.Passed;
        })));
        return command;
    }

    private static Command Diff(GatesApp app, Common common)
    {
        var name = new Argument<string>("MODEL");
        var first = new Argument<int>("A") { Description = "The version before." };
        var second = new Argument<int>("B") { Description = "The version after." };
        var command = new Command("diff", "What changed between two versions: params, metrics, datasets, environment, commit, artifact.") { name, first, second };
        command.SetAction(parse => app.Guard(() => With(app, parse, common, (registry, _) =>
        {
            var model = parse.GetValue(name)!;
            var changes = VersionDiff.Compare(registry.Get(model, parse.GetValue(first)), registry.Get(model, parse.GetValue(second)));
            Print(app, parse, common, changes, changes.Count == 0
                ? $"{model}: versions {parse.GetValue(first)} and {parse.GetValue(second)} do not differ"
                : string.Join(Environment.NewLine, changes.Select(c => $"{c.Section}.{c.Key}: {c.Before ?? "(none)"} -> {c.After ?? "(none)"}")));
            return ExitCodes.Passed;
        })));
        return command;
    }

    private static Command Card(GatesApp app, Common common)
    {
        var reference = new Argument<string>("MODEL[@ALIAS|:VERSION]") { Description = "churn@production, churn:3, or churn for the latest version." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the card (default: standard output)." }.WritesFile();
        var format = new Option<string?>("--format") { Description = "md or html (default: from --output's extension; md otherwise)." };
        var template = new Option<string?>("--template") { Description = "A Scriban template of your own instead of the built-in card.md or card.html (see README: Model cards)." };
        var command = new Command("card", "Write a version's model card: lineage, datasets, params, metrics with intervals and slices, gates passed, environment, alias history and the gates file's card section.") { reference, output, format, template };
        command.SetAction(parse => app.Guard(() => With(app, parse, common, (registry, _) =>
        {
            var (model, number) = Resolve(registry, parse.GetValue(reference)!);
            var path = parse.GetValue(output);
            var chosen = parse.GetValue(format)?.ToLowerInvariant()
                ?? (path is not null && Path.GetExtension(path).ToLowerInvariant() is ".html" or ".htm" ? "html" : "md");
            if (!Cards.ModelCardRenderer.Formats.Contains(chosen))
            {
                throw new GatesInputException(ErrorCodes.BadUsage, $"--format '{parse.GetValue(format)}': expected md or html");
            }

            var text = Cards.ModelCardRenderer.Render(registry.Get(model, number), registry.Audit(model), chosen, parse.GetValue(template) is { } t ? Path.GetFullPath(t) : null);
            if (path is null)
            {
                app.Output.Write(text);
                return ExitCodes.Passed;
            }

            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            AtomicFile.WriteAllText(full, text);
            app.Output.WriteLine($"mlops-gates: wrote the model card of {model} version {number} to {path}");
            return ExitCodes.Passed;
        })));
        return command;
    }

    private static Command Tag(GatesApp app, Common common)
    {
        var name = new Argument<string>("MODEL");
        var version = new Argument<int>("VERSION");
        var pair = new Argument<string>("KEY=VALUE");
        var command = new Command("tag", "Set a tag on a version.") { name, version, pair };
        command.SetAction(parse => app.Guard(() => With(app, parse, common, (registry, _) =>
        {
            var (key, value) = Pairs([parse.GetValue(pair)!]).Single();
            registry.SetTag(parse.GetValue(name)!, parse.GetValue(version), key, value, new ChangeInfo(new Provenance(app.Surroundings).Actor(), null, null));
            Print(app, parse, common, new { model = parse.GetValue(name), version = parse.GetValue(version), key, value }, $"tagged {parse.GetValue(name)} version {parse.GetValue(version)}: {key}={value}");
            return ExitCodes.Passed;
        })));
        return command;
    }

    private static Command Download(GatesApp app, Common common)
    {
        var reference = new Argument<string>("MODEL[@ALIAS|:VERSION]");
        var output = new Option<string>("--output", "-o") { Description = "The file or folder to write the artifact to.", Required = true };
        var command = new Command("download", "Copy a version's artifact out of the registry, after checking its hash.") { reference, output };
        command.SetAction(parse => app.Guard(() => With(app, parse, common, (registry, _) =>
        {
            var (model, version) = Resolve(registry, parse.GetValue(reference)!);
            var target = Path.GetFullPath(parse.GetValue(output)!);
            registry.Download(model, version, target);
            Print(app, parse, common, new { model, version, path = target }, $"wrote {model} version {version} to {parse.GetValue(output)}");
            return ExitCodes.Passed;
        })));
        return command;
    }

    private static Command Verify(GatesApp app, Common common)
    {
        var name = new Argument<string?>("MODEL") { Description = "One model (default: every model).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("verify", "Re-hash every artifact and report any that changed; exit 1 if one did.") { name };
        command.SetAction(parse => app.Guard(() => With(app, parse, common, (registry, _) =>
        {
            var models = parse.GetValue(name) is { } one ? [one] : registry.Models();
            var problems = new List<string>();
            var checkedCount = 0;
            foreach (var model in models)
            {
                foreach (var version in registry.Versions(model))
                {
                    checkedCount++;
                    if (registry.Verify(model, version.Version) is { } problem)
                    {
                        problems.Add(problem);
                    }
                }
            }

            if (parse.GetValue(common.AsJson))
            {
                app.Output.WriteLine(JsonSerializer.Serialize(new { versions = checkedCount, changed = problems }, Json));
            }
            else
            {
                foreach (var problem in problems)
                {
                    app.Output.WriteLine($"error {ErrorCodes.ArtifactChanged}: {problem}");
                }

                app.Output.WriteLine($"mlops-gates: verified {checkedCount} version(s): {(problems.Count == 0 ? "every artifact intact" : $"{problems.Count} changed")}");
            }

            return problems.Count == 0 ? ExitCodes.Passed : ExitCodes.GateFailed;
        })));
        return command;
    }

    private static int With(GatesApp app, ParseResult parse, Common common, Func<IModelRegistry, GatesConfig?, int> body)
    {
        GatesConfig? config = null;
        IModelRegistry registry;
        if (parse.GetValue(common.Registry) is { } folder)
        {
            registry = new LocalRegistry(folder);
        }
        else if (parse.GetValue(common.Mlflow) is { } uri)
        {
            registry = new MlflowRegistry(MlflowSettings.FromSurroundings(uri, app.Surroundings));
        }
        else
        {
            var configPath = parse.GetValue(common.Config)!;
            config = GatesConfigLoader.Load(configPath, requireInputs: false, surroundings: app.Surroundings);
            registry = config.Registry?.Open() ?? throw new GatesInputException(ErrorCodes.BadUsage, $"{configPath} has no 'registry' section; give --registry FOLDER or --mlflow URI");
        }

        // Policies live in the gates file; with --registry or --mlflow they are read from it when it exists.
        if (config is null && File.Exists(parse.GetValue(common.Config)!))
        {
            config = GatesConfigLoader.Load(parse.GetValue(common.Config)!, requireInputs: false, surroundings: app.Surroundings);
        }

        try
        {
            return body(registry, config);
        }
        finally
        {
            (registry as IDisposable)?.Dispose();
        }
    }

    private static (string Model, int Version) Resolve(IModelRegistry registry, string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        if (at > 0)
        {
            var model = reference[..at];
            var alias = reference[(at + 1)..];
            var version = registry.Resolve(model, alias) ?? throw new GatesInputException(ErrorCodes.NotInRegistry, $"{model}@{RegistryNames.Alias(alias)} points at no version");
            return (model, version.Version);
        }

        if (colon > 0)
        {
            return int.TryParse(reference[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? (reference[..colon], number)
                : throw new GatesInputException(ErrorCodes.BadUsage, $"'{reference}': the version after ':' must be a number");
        }

        var versions = registry.Versions(reference);
        var latest = versions.Count > 0 ? versions[^1] : throw new GatesInputException(ErrorCodes.NotInRegistry, $"{reference} has no versions in {registry.Location}");
        return (reference, latest.Version);
    }

    private static Dictionary<string, string> Pairs(IEnumerable<string>? values)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new GatesInputException(ErrorCodes.BadUsage, $"'{value}' must be KEY=VALUE");
            }

            pairs[value[..equals]] = value[(equals + 1)..];
        }

        return pairs;
    }

    private static void Print(GatesApp app, ParseResult parse, Common common, object value, string text) =>
        app.Output.WriteLine(parse.GetValue(common.AsJson) ? JsonSerializer.Serialize(value, Json) : text);
}
