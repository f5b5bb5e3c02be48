namespace TableRecovery.Core.Interop;

/// <summary>
/// Messages the native libraries would otherwise print to stderr. Process-wide because the native
/// handler is; a host subscribes once and forwards them to its logger.
/// </summary>
public static class NativeMessages
{
    public static event Action<string, string>? Received;

    internal static void Publish(string library, string message) => Received?.Invoke(library, message);
}
