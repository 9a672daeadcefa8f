namespace MlOps.Gates.Registry;

/// <summary>An error the MLflow REST API returned: its <c>error_code</c> (RESOURCE_DOES_NOT_EXIST, ...) and message.</summary>
internal sealed class MlflowException(string errorCode, string message, int status) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;

    public int Status { get; } = status;
}
