using System.Collections.Concurrent;

namespace TableRecovery.Core.Ocr;

/// <summary>The engines one worker slot uses: digits and labels. Created lazily; never shared.</summary>
public sealed class EngineSet(string tessdataPath) : IDisposable
{
    private OcrEngine? _digits;
    private OcrEngine? _labels;

    public OcrEngine Digits => _digits ??= OcrEngine.CreateDigits(tessdataPath);
    public OcrEngine Labels => _labels ??= OcrEngine.CreateLabels(tessdataPath);

    public void Dispose()
    {
        _digits?.Dispose();
        _labels?.Dispose();
    }
}

/// <summary>
/// A Tesseract engine is not thread-safe and costs 12–45 MB, so each worker slot borrows one set and
/// gives it back; at most <c>slots</c> sets ever exist.
/// </summary>
public sealed class EnginePool : IDisposable
{
    private readonly string _tessdataPath;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<EngineSet> _idle = [];
    private readonly ConcurrentBag<EngineSet> _all = [];

    public EnginePool(string tessdataPath, int slots)
    {
        if (!File.Exists(Path.Combine(tessdataPath, "eng.traineddata")) || !File.Exists(Path.Combine(tessdataPath, "chi_sim.traineddata")))
        {
            throw new DirectoryNotFoundException(
                $"'{tessdataPath}' lacks eng.traineddata or chi_sim.traineddata; run scripts/setup.sh or configure the tessdata path.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _tessdataPath = tessdataPath;
        _slots = new SemaphoreSlim(slots, slots);
    }

    public Lease Rent(CancellationToken cancellationToken)
    {
        _slots.Wait(cancellationToken);
        if (!_idle.TryTake(out var set))
        {
            set = new EngineSet(_tessdataPath);
            _all.Add(set);
        }
        return new Lease(this, set);
    }

    public void Dispose()
    {
        foreach (var set in _all) set.Dispose();
        _slots.Dispose();
    }

    public readonly struct Lease(EnginePool pool, EngineSet engines) : IDisposable
    {
        public EngineSet Engines { get; } = engines;

        public void Dispose()
        {
            pool._idle.Add(Engines);
            pool._slots.Release();
        }
    }
}
