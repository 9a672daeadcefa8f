namespace MlOps.Gates.Registry;

/// <summary>
/// Where a downloaded artifact goes: the destination itself, or the recorded file name inside it when it is a folder.
/// The recorded name comes from a registry record, which anyone who can write the registry could have changed, so it
/// must be a plain file name that stays inside the folder.
/// </summary>
public static class DownloadTarget
{
    public static string Resolve(string destination, string recordedFileName, string record)
    {
        if (!Directory.Exists(destination))
        {
            var parent = Path.GetDirectoryName(Path.GetFullPath(destination));
            if (parent is not null)
            {
                Directory.CreateDirectory(parent);
            }

            return destination;
        }

        if (!IsPlainFileName(recordedFileName))
        {
            throw new GatesInputException(ErrorCodes.RegistryCorrupt, $"{record}: the artifact's file name '{Clip(recordedFileName)}' is not a plain file name (it could write outside {destination}); give the destination file with -o");
        }

        return Path.Combine(destination, recordedFileName);
    }

    public static bool IsPlainFileName(string name) =>
        name.Length is > 0 and <= 255
        && name is not "." and not ".."
        && name.IndexOfAny(['/', '\\', '\0', ':']) < 0
        && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
        && !name.Any(char.IsControl);

    private static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
