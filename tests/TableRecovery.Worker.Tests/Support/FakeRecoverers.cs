using System.Collections.Concurrent;
using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Results;

namespace TableRecovery.Worker.Tests.Support;

/// <summary>
/// A hand-written stand-in for Core's pipeline, at the true boundary: returns one table with a flagged cell
/// for non-empty input (empty input gets empty_file), counts its calls per SHA-256, and can be told to
/// block, sleep or throw.
/// </summary>
public sealed class FakeRecoverer : ITableRecoverer
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;
    public Func<SourceFile, Exception?> ThrowFor { get; set; } = _ => null;
    public ManualResetEventSlim? Gate { get; set; }

    public int CallsFor(string sha256) => _calls.GetValueOrDefault(sha256);
    public int TotalCalls => _calls.Values.Sum();

    public RecoveryOutcome Recover(SourceFile file, RecoveryRequest request, CancellationToken cancellationToken)
    {
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Bytes.Span));
        _calls.AddOrUpdate(sha, 1, (_, n) => n + 1);
        Gate?.Wait(cancellationToken);
        if (Delay > TimeSpan.Zero) Task.Delay(Delay, cancellationToken).GetAwaiter().GetResult();
        if (ThrowFor(file) is { } exception) throw exception;
        if (file.Bytes.Length == 0)
        {
            return new(ResultDocument.Failed(file.Name, sha, ErrorCodes.EmptyFile, "The file is empty."), []);
        }
        var table = new TableResult
        {
            Layout = "requests-2021",
            Image = file.Name,
            Status = Statuses.NeedsReview,
            Cells =
            [
                new CellResult { Id = "new/natural_person", Value = 3, Text = "3", Confidence = 0.98, Status = Statuses.Ok, Box = [1, 2, 3, 4] },
                new CellResult
                {
                    Id = "new/legal_person", Value = 12.5m, Text = "12.5", Confidence = 0.4, Status = Statuses.NeedsReview,
                    Alternatives = [new AlternativeResult(17.5m, 0.3)],
                },
            ],
            Identities = [new IdentityResult { Name = "balance[natural_person]", Holds = true }],
        };
        var overlays = request.RenderOverlay ? new[] { new Overlay(file.Name, TestImages.Png(10, 10)) } : [];
        return new(new ResultDocument { Source = file.Name, Sha256 = sha, Tables = [table] }, overlays);
    }
}

/// <summary>A clock the test moves by hand; timers are not faked (only GetUtcNow is).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
