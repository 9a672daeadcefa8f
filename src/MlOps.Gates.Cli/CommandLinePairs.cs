namespace MlOps.Gates.Cli;

/// <summary>NAME=VALUE options (<c>--input</c>, <c>--model-output</c>, <c>--metric</c>) and their comma-separated lists.</summary>
internal static class CommandLinePairs
{
    public static IEnumerable<KeyValuePair<string, string>> Read(string[]? values, string option)
    {
        foreach (var value in values ?? [])
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == value.Length - 1)
            {
                throw new GatesInputException(ErrorCodes.BadUsage, $"{option} '{value}' must be NAME=VALUE");
            }

            yield return new(value[..equals].Trim(), value[(equals + 1)..].Trim());
        }
    }

    public static List<string> Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
