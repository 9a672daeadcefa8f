namespace MlOps.Gates.Tests;

/// <summary>A request as a test server received it, before any JSON is read from it.</summary>
public sealed record RawRequest(string Method, string Path, byte[] Body, string? Authorization, string? ContentType);
