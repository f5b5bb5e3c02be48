namespace TableRecovery.Core.Grid;

/// <summary>A span [Start, End) along one axis.</summary>
public readonly record struct Interval(int Start, int End)
{
    public int Length => End - Start;
    public int Overlap(Interval other) => Math.Max(0, Math.Min(End, other.End) - Math.Max(Start, other.Start));
}

/// <summary>
/// A ruling line: its position across (y of a horizontal rule, x of a vertical one) and the stretches
/// along it where ink was found. A broken or faint line has several stretches.
/// </summary>
public sealed record Rule(bool Horizontal, int Position, int Thickness, IReadOnlyList<Interval> Stretches)
{
    public int Start => Stretches[0].Start;
    public int End => Stretches[^1].End;

    /// <summary>
    /// Built of pieces none longer than a glyph's stroke can be (<see cref="RuleDetector"/>): a faint line found only in
    /// fragments, or the aligned stems of glyphs in the lines of a wrapped label.
    /// </summary>
    public bool OfStrokeLengthPieces { get; init; }

    /// <summary>How much of <paramref name="span"/> the rule's stretches cover, 0..1.</summary>
    public double Coverage(Interval span)
    {
        if (span.Length <= 0) return 0;
        var covered = 0;
        foreach (var s in Stretches) covered += s.Overlap(span);
        return covered / (double)span.Length;
    }

    public bool Reaches(int along, int tolerance) => along >= Start - tolerance && along <= End + tolerance;
}
