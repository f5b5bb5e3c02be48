using TableRecovery.Core.Pipeline;

namespace TableRecovery.Core.Tests.Support;

/// <summary>One real pipeline (real Tesseract, real Leptonica) shared by a test class: engines take ~2 s to start.</summary>
public sealed class RecovererFixture : IDisposable
{
    public TableRecoverer Recoverer { get; } = new(new RecoveryEngineOptions { TessdataPath = Fixtures.Tessdata, EngineSlots = 1 });

    public Results.ResultDocument Recover(string name, byte[] bytes) =>
        Recoverer.Recover(new SourceFile(name, bytes), new RecoveryRequest(), CancellationToken.None).Document;

    public void Dispose() => Recoverer.Dispose();
}
