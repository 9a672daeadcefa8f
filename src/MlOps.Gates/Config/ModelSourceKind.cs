namespace MlOps.Gates.Config;

public enum ModelSourceKind
{
    ModelFile,
    PredictionsFile,
    Registry,
}
