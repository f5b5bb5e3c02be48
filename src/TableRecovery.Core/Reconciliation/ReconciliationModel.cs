using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Reconciliation;

/// <summary>Everything the OCR saw in one cell of a layout.</summary>
/// <param name="Id">The layout cell id ("row/column").</param>
/// <param name="Kind">What the cell may hold.</param>
/// <param name="Readings">Every reading of the cell (any order); empty when nothing was read (a missing row).</param>
/// <param name="DecimalPlaces">Decimals allowed for <see cref="CellValueKind.Decimal"/> cells; null = up to 4.</param>
public sealed record CellEvidence(string Id, CellValueKind Kind, IReadOnlyList<Reading> Readings, int? DecimalPlaces = null);

/// <summary>One reconciliation problem: a table's cells with their readings, and the identities over them.</summary>
public sealed record ReconciliationInput(IReadOnlyList<CellEvidence> Cells, IReadOnlyList<Identity> Identities)
{
    /// <summary>Every cell of <paramref name="layout"/> with its readings; cells <paramref name="readingsOf"/> knows nothing of get none.</summary>
    public static ReconciliationInput FromLayout(TableLayout layout, Func<string, IReadOnlyList<Reading>?> readingsOf)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(readingsOf);
        var cells = layout.Cells
            .Select(c => new CellEvidence(c.Id, c.Kind, readingsOf(c.Id) ?? [], c.Column.DecimalPlaces))
            .ToList();
        return new ReconciliationInput(cells, layout.Identities);
    }
}

/// <summary>Knobs of the evidence model and the status rules. The defaults are the product's.</summary>
public sealed record ReconciliationOptions
{
    public static readonly ReconciliationOptions Default = new();

    /// <summary>False: no identities are used; each cell takes its best reading, statuses come from the readings alone.</summary>
    public bool UseIdentities { get; init; } = true;

    /// <summary>Prior probability that one printed cell is a typo of the report itself (the table then breaks an identity).</summary>
    public double PrintedErrorPrior { get; init; } = 5e-4;

    /// <summary>Posterior a value must reach to be <c>ok</c>.</summary>
    public double OkPosterior { get; init; } = 0.99;

    /// <summary>Posterior a replaced value must reach to be <c>corrected</c> (the margin over the next consistent choice).</summary>
    public double CorrectedPosterior { get; init; } = 0.995;

    /// <summary>
    /// Lowest confidence at which two independent readings that agree (Cell and Strip, or either with the table's
    /// digit templates) make a cell checked by no identity <c>ok</c>.
    /// </summary>
    public double AgreementConfidence { get; init; } = 0.8;

    /// <summary>Assignments up to this many nats less probable than the best are enumerated for the posteriors.</summary>
    public double WindowNats { get; init; } = 8.0;

    /// <summary>Search nodes allowed per table; past it the table is flagged for review rather than guessed.</summary>
    public long MaxSearchNodes { get; init; } = 500_000;

    /// <summary>Assignments kept for the posteriors; past it every cell that differs between them is flagged.</summary>
    public int MaxSolutions { get; init; } = 20_000;

    public void Validate()
    {
        static void InOpenUnit(double v, string name)
        {
            if (!(v > 0 && v < 1))
            {
                throw new ArgumentOutOfRangeException(name, v, "Must be in (0, 1).");
            }
        }
        InOpenUnit(PrintedErrorPrior, nameof(PrintedErrorPrior));
        InOpenUnit(OkPosterior, nameof(OkPosterior));
        InOpenUnit(CorrectedPosterior, nameof(CorrectedPosterior));
        InOpenUnit(AgreementConfidence, nameof(AgreementConfidence));
        if (!(WindowNats > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(WindowNats), WindowNats, "Must be positive.");
        }
        if (MaxSearchNodes <= 0 || MaxSolutions <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSearchNodes), "Search limits must be positive.");
        }
    }
}

/// <summary>What a reviewer decided; the solver re-derives everything else around it.</summary>
/// <param name="ConfirmedValues">Cells whose value a person confirmed or entered.</param>
/// <param name="PrintedInconsistentIdentities">Identity names to keep as printed: excluded from the constraints.</param>
public sealed record ReviewDecisions(
    IReadOnlyDictionary<string, decimal> ConfirmedValues,
    IReadOnlySet<string> PrintedInconsistentIdentities)
{
    public static readonly ReviewDecisions None = new(new Dictionary<string, decimal>(), new HashSet<string>());
}

/// <summary>Where a cell's output value comes from.</summary>
public enum ValueSource
{
    /// <summary>One of the cell's readings.</summary>
    Reading,
    /// <summary>Read by no reading: the identities pin it (the OCR dropped or changed a digit). Always needs review.</summary>
    Inferred,
    /// <summary>A reviewer's value.</summary>
    Confirmed,
    /// <summary>Unreadable and not determined by any identity: the value is null.</summary>
    None,
}

/// <summary>Another value the cell may hold, with its posterior probability.</summary>
public sealed record ValueAlternative(decimal? Value, double Confidence);

/// <summary>A cell after reconciliation.</summary>
/// <param name="Value">The value output (as printed, unless inferred or confirmed); null when unknown.</param>
/// <param name="Text">The printed text of the best reading, as read.</param>
/// <param name="Confidence">Posterior probability that <paramref name="Value"/> is what is printed.</param>
/// <param name="Status">One of <see cref="Results.Statuses"/>.</param>
/// <param name="Alternatives">Other values, best first.</param>
/// <param name="ConsistentValue">
/// For a cell the solver holds to be a misprint of the report: the value that would make its identities hold.
/// The output keeps the printed value.
/// </param>
public sealed record ReconciledCell(
    string Id,
    decimal? Value,
    string? Text,
    double Confidence,
    string Status,
    IReadOnlyList<ValueAlternative> Alternatives,
    ValueSource Source,
    decimal? ConsistentValue = null);

/// <summary>An identity evaluated on the output values.</summary>
/// <param name="PublishedInconsistent">The printed table itself breaks it (kept as printed, not "fixed").</param>
/// <param name="LhsSum">sum(lhs), null when a cell of it has no value.</param>
public sealed record IdentityOutcome(string Name, bool Holds, bool PublishedInconsistent, decimal? LhsSum, decimal? RhsSum);

/// <summary>How the search went, for benchmarks and logs.</summary>
/// <param name="AmbiguousCells">Cells whose second-best hypothesis is within 4.6 nats (100×) of the best.</param>
/// <param name="Nodes">Search nodes visited.</param>
/// <param name="Solutions">Consistent assignments inside the posterior window.</param>
/// <param name="Complete">False when a search limit was hit; the statuses are then conservative.</param>
/// <param name="BestCost">Negative log-probability of the chosen assignment.</param>
public sealed record SolverStatistics(int AmbiguousCells, long Nodes, int Solutions, bool Complete, double BestCost);

/// <summary>A table after reconciliation: every input cell once, in input order, and every identity.</summary>
public sealed record ReconciledTable(
    IReadOnlyList<ReconciledCell> Cells,
    IReadOnlyList<IdentityOutcome> Identities,
    string Status,
    SolverStatistics Statistics)
{
    public ReconciledCell Cell(string id) =>
        Cells.FirstOrDefault(c => c.Id == id) ?? throw new KeyNotFoundException($"No cell '{id}'.");

    public IdentityOutcome Identity(string name) =>
        Identities.FirstOrDefault(i => i.Name == name) ?? throw new KeyNotFoundException($"No identity '{name}'.");
}
