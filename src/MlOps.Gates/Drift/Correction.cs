namespace MlOps.Gates.Drift;

/// <summary>Multiple-testing corrections for the p-value tests of one gate.</summary>
public enum Correction
{
    None,
    Bonferroni,
    BenjaminiHochberg,
}
