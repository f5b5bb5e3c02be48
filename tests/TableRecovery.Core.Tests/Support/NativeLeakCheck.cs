using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Tests.Support;

/// <summary>
/// Asserts that a piece of work leaves no native object behind. Tests that count handles run in one
/// collection (no parallelism), since the count is process-wide.
/// </summary>
public static class NativeLeakCheck
{
    public static void AssertNoLeak(Action work)
    {
        var before = NativeHandle.LiveCount;
        work();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var after = NativeHandle.LiveCount;
        Assert.True(after == before, $"Native handles alive before: {before}, after: {after} — {after - before} leaked.");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeCollection
{
    public const string Name = "native handles";
}
