namespace TableRecovery.Core.Imaging;

/// <summary>An input that cannot be decoded; <see cref="Code"/> is an output-contract error code.</summary>
public sealed class ImageDecodeException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
