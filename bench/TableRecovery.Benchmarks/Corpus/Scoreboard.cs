using TableRecovery.Core.Results;

namespace TableRecovery.Benchmarks.Corpus;

/// <summary>Cell counts of one truth table: final (identities on), raw (identities off) and candidate coverage.</summary>
internal sealed class TableTally
{
    public int Cells { get; private set; }
    public int Right { get; private set; }
    public int RawRight { get; private set; }
    public int Covered { get; private set; }
    public int Review { get; private set; }
    public int RawReview { get; private set; }
    public int Silent { get; private set; }
    public int RawSilent { get; private set; }
    public int Corrected { get; private set; }
    public List<(double Confidence, bool Right)> Confidences { get; } = [];

    public bool Exact => Right == Cells;
    public bool RawExact => RawRight == Cells;

    public void Add(decimal? truth, CellResult? on, CellResult? off, bool covered)
    {
        Cells++;
        Covered += covered ? 1 : 0;
        var right = on is not null && on.Value == truth;
        var rawRight = off is not null && off.Value == truth;
        Right += right ? 1 : 0;
        RawRight += rawRight ? 1 : 0;
        // A table not identified leaves every cell to a person.
        Review += on is null || on.Status == Statuses.NeedsReview ? 1 : 0;
        RawReview += off is null || off.Status == Statuses.NeedsReview ? 1 : 0;
        Silent += on is not null && !right && on.Status is Statuses.Ok or Statuses.Corrected ? 1 : 0;
        RawSilent += off is not null && !rawRight && off.Status is Statuses.Ok or Statuses.Corrected ? 1 : 0;
        Corrected += on?.Status == Statuses.Corrected ? 1 : 0;
        if (on is not null) Confidences.Add((on.Confidence, right));
    }
}

/// <summary>The benchmark's figures for one scan class (or all images).</summary>
internal sealed class Scoreboard(string name)
{
    private int _images;
    private double _seconds;
    private int _tables, _found, _grids, _identified, _exact, _rawExact;
    private long _cells, _identifiedCells, _right, _rawRight, _covered, _review, _rawReview, _silent, _rawSilent, _corrected;
    private int _inconsistent, _inconsistentFlagged, _falselyFlagged;
    private readonly SortedDictionary<string, (int Tables, int Identified)> _byLayout = new(StringComparer.Ordinal);
    private readonly List<(double Confidence, bool Right)> _confidences = [];

    public int ExtraTables { get; set; }

    public void AddImage(double seconds)
    {
        _images++;
        _seconds += seconds;
    }

    public void AddTable(string layout, bool found, bool gridRight, bool identified, TableTally tally, bool inconsistent, bool flagged, bool falselyFlagged)
    {
        _tables++;
        _found += found ? 1 : 0;
        _grids += gridRight ? 1 : 0;
        _identified += identified ? 1 : 0;
        var entry = _byLayout.GetValueOrDefault(layout);
        _byLayout[layout] = (entry.Tables + 1, entry.Identified + (identified ? 1 : 0));
        _cells += tally.Cells;
        if (identified)
        {
            _identifiedCells += tally.Cells;
            _covered += tally.Covered;
            _rawRight += tally.RawRight;
        }
        _right += tally.Right;
        _review += tally.Review;
        _rawReview += tally.RawReview;
        _silent += tally.Silent;
        _rawSilent += tally.RawSilent;
        _corrected += tally.Corrected;
        _exact += identified && tally.Exact ? 1 : 0;
        _rawExact += identified && tally.RawExact ? 1 : 0;
        _inconsistent += inconsistent ? 1 : 0;
        _inconsistentFlagged += flagged ? 1 : 0;
        _falselyFlagged += falselyFlagged ? 1 : 0;
        _confidences.AddRange(tally.Confidences);
    }

    public void Print()
    {
        if (_tables == 0) return;
        Console.WriteLine($"== {name}: {_images} images, {_tables} tables, {_cells} cells, {_seconds / _images:0.00} s/image");
        Console.WriteLine($"   tables found {Pct(_found, _tables)}   grid = layout structure {Pct(_grids, _tables)}   layout identified {Pct(_identified, _tables)}   extra tables {ExtraTables}");
        Console.WriteLine($"   by layout: {string.Join("  ", _byLayout.Select(l => $"{l.Key} {l.Value.Identified}/{l.Value.Tables}"))}");
        Console.WriteLine($"   raw reading, best candidate (identified tables): {Pct(_rawRight, _identifiedCells)}   truth among candidates {Pct(_covered, _identifiedCells)}");
        Console.WriteLine("                      cell accuracy      table exact   review rate        silent errors");
        Console.WriteLine($"   identities ON      {Pct(_right, _cells),-18} {Pct(_exact, _tables),-13} {Pct(_review, _cells),-18} {_silent}   (corrected {_corrected})");
        Console.WriteLine($"   identities OFF     {Pct(_rawRight, _cells),-18} {Pct(_rawExact, _tables),-13} {Pct(_rawReview, _cells),-18} {_rawSilent}");
        Console.WriteLine($"   printed inconsistencies flagged {_inconsistentFlagged}/{_inconsistent}   consistent tables flagged as inconsistent {_falselyFlagged}");
    }

    /// <summary>Reported confidence against observed accuracy, for every cell of an identified table.</summary>
    public void PrintReliability()
    {
        Console.WriteLine();
        Console.WriteLine("reliability (identities ON): confidence bucket | cells | observed accuracy");
        foreach (var bucket in _confidences.GroupBy(c => Bucket(c.Confidence)).OrderBy(g => g.Key))
        {
            var n = bucket.Count();
            var right = bucket.Count(c => c.Right);
            Console.WriteLine($"   [{bucket.Key:0.00}, {Math.Min(1, bucket.Key + (bucket.Key >= 0.9 ? 0.02 : 0.1)):0.00}{(bucket.Key >= 0.98 ? "]" : ")")} | {n,6} | {Pct(right, n)}");
        }
    }

    // Finer buckets near 1, where nearly every cell sits and where "ok" is decided.
    private static double Bucket(double confidence) =>
        confidence >= 0.9 ? Math.Min(0.98, Math.Floor(confidence * 50) / 50) : Math.Floor(confidence * 10) / 10;

    private static string Pct(long part, long whole) =>
        whole == 0 ? "n/a" : $"{100.0 * part / whole:0.00}% ({part}/{whole})";
}
