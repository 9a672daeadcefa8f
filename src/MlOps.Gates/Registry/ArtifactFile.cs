namespace MlOps.Gates.Registry;

/// <summary>What may be registered: an existing regular file. A device such as /dev/zero would be copied without end.</summary>
internal static class ArtifactFile
{
    public static void Require(string path)
    {
        if (Directory.Exists(path))
        {
            throw new GatesInputException(ErrorCodes.FileNotFound, $"the artifact to register is a folder, not a file: {path} (zip it, as ML.NET saves its models)");
        }

        if (!File.Exists(path))
        {
            throw new GatesInputException(ErrorCodes.FileNotFound, $"the artifact to register does not exist: {path}");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (!Data.DataFiles.IsRegular(stream))
            {
                throw new GatesInputException(ErrorCodes.NotRegularFile, $"the artifact to register is a pipe or a device, not a regular file: {path}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GatesInputException(ErrorCodes.FileNotFound, $"the artifact to register cannot be read: {path}: {IoErrors.Describe(e)}", null, e);
        }
    }
}
