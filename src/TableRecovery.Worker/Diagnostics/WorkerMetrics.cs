using System.Diagnostics.Metrics;

namespace TableRecovery.Worker.Diagnostics;

/// <summary>The worker's instruments (meter <c>TableRecovery.Worker</c>).</summary>
public sealed class WorkerMetrics
{
    public const string MeterName = "TableRecovery.Worker";

    private readonly Counter<long> _filesDone;
    private readonly Counter<long> _filesFailed;
    private readonly Counter<long> _cellsFlagged;
    private readonly Counter<long> _resultsReused;
    private readonly Histogram<double> _stageSeconds;
    private long _queueDepth;

    public WorkerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _filesDone = meter.CreateCounter<long>("tablerecovery.files.done", "{file}", "Files whose result document holds tables.");
        _filesFailed = meter.CreateCounter<long>("tablerecovery.files.failed", "{file}", "Files whose input could not be read.");
        _cellsFlagged = meter.CreateCounter<long>("tablerecovery.cells.flagged", "{cell}", "Cells recovered with status needs_review.");
        _resultsReused = meter.CreateCounter<long>("tablerecovery.results.reused", "{file}", "Files answered with an earlier result of the same bytes.");
        _stageSeconds = meter.CreateHistogram<double>("tablerecovery.stage.duration", "s", "Seconds spent per stage (read, recover, store, write).");
        meter.CreateObservableGauge("tablerecovery.queue.depth", () => Interlocked.Read(ref _queueDepth), "{file}",
            "Files waiting: inbox plus queued contents, as last seen by the worker loop.");
    }

    public void FileFinished(bool failed, int cellsFlagged)
    {
        (failed ? _filesFailed : _filesDone).Add(1);
        if (cellsFlagged > 0) _cellsFlagged.Add(cellsFlagged);
    }

    public void ResultReused() => _resultsReused.Add(1);

    public void Stage(string stage, TimeSpan elapsed) =>
        _stageSeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("stage", stage));

    public void QueueDepth(long depth) => Interlocked.Exchange(ref _queueDepth, depth);
}
