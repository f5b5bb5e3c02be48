using TableRecovery.Core.Layouts;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Reconciliation;

/// <summary>
/// The reconciliation stage: a table's readings and its identities in, every cell's value and status out.
/// Pure: no I/O, no shared state; one instance may serve every thread.
/// </summary>
/// <remarks>
/// Status rules (output-contract.md), on the most probable assignment that satisfies every identity:
/// <list type="bullet">
/// <item><c>ok</c>: the top reading, every identity of the cell holds, at least one of them involves no inferred or
/// misprinted cell, and the posterior of the value is at least <see cref="ReconciliationOptions.OkPosterior"/>.
/// A cell checked by no such identity is <c>ok</c> only when a Cell and a Strip reading (or a text layer) agree
/// with high confidence.</item>
/// <item><c>corrected</c>: another candidate replaced the top reading and its posterior (the margin over the next
/// consistent assignment) is at least <see cref="ReconciliationOptions.CorrectedPosterior"/>.</item>
/// <item><c>needs_review</c>: anything else: a value no reading shows (inferred), a misprint of the report, a cell
/// of an identity the printed table breaks, a weak or close choice, an incomplete search.</item>
/// </list>
/// </remarks>
public sealed class TableReconciler
{
    private const double AmbiguityNats = 4.6;
    private const double NarrowWindowNats = 4.6;
    private const double MaxConfidence = 0.999999;
    private const long NullKey = long.MinValue;

    /// <summary>A reading of the value that makes a broken sum hold, this sure, keeps the sum from being the report's misprint.</summary>
    private const double ConsistentReadingConfidence = 0.4;

    private readonly ReconciliationOptions _options;

    public TableReconciler(ReconciliationOptions? options = null)
    {
        _options = options ?? ReconciliationOptions.Default;
        _options.Validate();
    }

    public static TableReconciler Default { get; } = new();

    public ReconciliationOptions Options => _options;

    /// <summary>Reconciles a table as read.</summary>
    public ReconciledTable Reconcile(ReconciliationInput input) => Resolve(input, ReviewDecisions.None);

    /// <summary>
    /// Re-solves a table after review: confirmed cells are fixed, identities marked printed-inconsistent are kept
    /// as printed (no longer constraints), everything else is derived again.
    /// </summary>
    public ReconciledTable Resolve(ReconciliationInput input, ReviewDecisions decisions)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(decisions);

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < input.Cells.Count; i++)
        {
            if (!index.TryAdd(input.Cells[i].Id, i))
            {
                throw new ArgumentException($"Cell '{input.Cells[i].Id}' appears twice.", nameof(input));
            }
        }
        foreach (var id in decisions.ConfirmedValues.Keys)
        {
            if (!index.ContainsKey(id))
            {
                throw new ArgumentException($"Confirmed cell '{id}' is not in the table.", nameof(decisions));
            }
        }
        foreach (var identity in input.Identities)
        {
            foreach (var id in identity.CellIds)
            {
                if (!index.ContainsKey(id))
                {
                    throw new ArgumentException($"Identity {identity.Name} names cell '{id}', which is not in the table.", nameof(input));
                }
            }
        }

        var candidates = input.Cells
            .Select(c => decisions.ConfirmedValues.TryGetValue(c.Id, out var v)
                ? CellCandidates.FromConfirmed(c, v)
                : CellCandidates.Build(c, _options.AgreementConfidence))
            .ToArray();
        var active = _options.UseIdentities
            ? input.Identities.Where(i => !decisions.PrintedInconsistentIdentities.Contains(i.Name)).ToList()
            : [];

        var solved = active.Count > 0 ? Search(input, candidates, active, index) : null;
        var cells = new ReconciledCell[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            var confirmed = decisions.ConfirmedValues.ContainsKey(input.Cells[i].Id);
            cells[i] = confirmed
                ? ConfirmedCell(candidates[i])
                : solved is not null && solved.SearchIndex[i] >= 0
                    ? solved.Cells[solved.SearchIndex[i]]
                    : UncheckedCell(candidates[i]);
        }

        var outcomes = input.Identities.Select(identity =>
        {
            var (holds, lhs, rhs) = Evaluate(identity, cells, index);
            var excluded = decisions.PrintedInconsistentIdentities.Contains(identity.Name);
            var published = !holds && lhs is not null && rhs is not null &&
                (excluded || (solved?.MisprintIdentities.Contains(identity.Name) ?? false));
            return new IdentityOutcome(identity.Name, holds, published, lhs, rhs);
        }).ToList();

        var status = cells.All(c => c.Status is Statuses.Ok or Statuses.Corrected or Statuses.Confirmed)
            ? Statuses.Ok
            : Statuses.NeedsReview;
        var stats = solved?.Statistics ?? new SolverStatistics(0, 0, 0, true, 0);
        return new ReconciledTable(cells, outcomes, status, stats);
    }

    private sealed record Solved(int[] SearchIndex, ReconciledCell[] Cells, HashSet<string> MisprintIdentities, SolverStatistics Statistics);

    private Solved Search(ReconciliationInput input, CellCandidates[] all, List<Identity> identities, Dictionary<string, int> index)
    {
        // Only cells that take part in an identity are variables.
        var searchIndex = Enumerable.Repeat(-1, all.Length).ToArray();
        var members = new List<int>();
        foreach (var identity in identities)
        {
            foreach (var id in identity.CellIds)
            {
                var i = index[id];
                if (searchIndex[i] < 0)
                {
                    searchIndex[i] = members.Count;
                    members.Add(i);
                }
            }
        }
        var cells = members.Select(i => all[i]).ToArray();
        var identityCells = new int[identities.Count][];
        var identityCoef = new int[identities.Count][];
        for (var k = 0; k < identities.Count; k++)
        {
            // A cell on both sides cancels; merge coefficients so the sums stay exact.
            var coef = new Dictionary<int, int>();
            foreach (var id in identities[k].Lhs)
            {
                var s = searchIndex[index[id]];
                coef[s] = coef.GetValueOrDefault(s) + 1;
            }
            foreach (var id in identities[k].Rhs)
            {
                var s = searchIndex[index[id]];
                coef[s] = coef.GetValueOrDefault(s) - 1;
            }
            var nonZero = coef.Where(p => p.Value != 0).ToList();
            if (nonZero.Any(p => Math.Abs(p.Value) != 1))
            {
                throw new ArgumentException($"Identity {identities[k].Name} repeats a cell on one side.", nameof(input));
            }
            identityCells[k] = nonZero.Select(p => p.Key).ToArray();
            identityCoef[k] = nonZero.Select(p => p.Value).ToArray();
        }

        AssignmentSearch Solve(CellCandidates[] variables, double windowNats)
        {
            var run = new AssignmentSearch(variables, identityCells, identityCoef, _options.PrintedErrorPrior,
                windowNats, _options.MaxSearchNodes, _options.MaxSolutions);
            run.Run();
            return run;
        }

        var window = _options.WindowNats;
        var search = Solve(cells, window);
        if (search.Incomplete && window > NarrowWindowNats)
        {
            // Dozens of ambiguous cells make the wide window exponential. A narrow one still finds the best
            // assignment and its close rivals; what lies beyond weighs under e^-window each.
            window = NarrowWindowNats;
            search = Solve(cells, window);
        }
        var own = cells;
        var pinned = new bool[cells.Length];
        if (search.Incomplete)
        {
            // Still too many: most readings are right and every identity they close holds. Pin the cells of the
            // identities that hold on the top readings to those readings and search the broken ones exactly; a
            // pinned cell then answers for itself, by its own readings' posterior.
            pinned = PinnedToTopReadings(cells, identityCells, identityCoef);
            cells = cells.Select((c, i) => pinned[i] ? c.PinnedToTop() : c).ToArray();
            search = Solve(cells, window);
        }
        var onlyPinnedVouched = false;
        if (search.Incomplete)
        {
            // Broken identities everywhere: pin as well every cell whose own readings agree with confidence, and
            // search the weak ones. With strong cells forced, the weak ones' values are only the identities'
            // guess: none of them is vouched for, only the pinned cells (by their own readings).
            for (var i = 0; i < own.Length; i++)
            {
                pinned[i] |= own[i].HasCandidates && own[i].AgreesWithoutRival && own[i].Candidates[0].Probability >= _options.OkPosterior;
            }
            cells = own.Select((c, i) => pinned[i] ? c.PinnedToTop() : c).ToArray();
            search = Solve(cells, window);
            onlyPinnedVouched = true;
        }
        var solutions = search.Solutions;
        var stats = new SolverStatistics(search.CountAmbiguous(AmbiguityNats), search.Nodes, solutions.Count,
            !search.Incomplete && !pinned.Any(p => p), solutions.Count > 0 ? search.BestCost : double.PositiveInfinity);

        if (search.Incomplete || solutions.Count == 0)
        {
            return (search.Incomplete ? Repaired(searchIndex, own, identityCells, identityCoef, stats) : null)
                ?? Fallback(searchIndex, own, identityCells, identityCoef, stats);
        }

        var best = solutions.MinBy(s => s.Cost)!;
        var n = cells.Length;
        var hyp = new Hypothesis[n];
        var candidateIndex = new int[n];
        var consistent = new long?[n];
        Array.Fill(hyp, Hypothesis.Candidate);
        for (var i = 0; i < n; i++)
        {
            consistent[i] = cells[i].HasCandidates ? cells[i].Candidates[0].Scaled : null;
        }
        foreach (var change in best.Changes)
        {
            hyp[change.Cell] = change.Hypothesis;
            candidateIndex[change.Cell] = change.CandidateIndex;
            consistent[change.Cell] = change.Hypothesis == Hypothesis.Candidate
                ? cells[change.Cell].Candidates[change.CandidateIndex].Scaled
                : change.Known ? change.Consistent : null;
        }
        // An undetermined "other" keeps its top reading, if any, for the reviewer (it is never vouched for).
        long? Output(int i) => hyp[i] switch
        {
            Hypothesis.Candidate => cells[i].Candidates[candidateIndex[i]].Scaled,
            Hypothesis.Printed => cells[i].Candidates[0].Scaled,
            _ => consistent[i] ?? (cells[i].HasCandidates ? cells[i].Candidates[0].Scaled : null),
        };

        // Posterior of each cell's output value over the assignments in the window.
        var weights = solutions.Select(s => Math.Exp(-(s.Cost - best.Cost))).ToArray();
        var total = weights.Sum();
        var mass = new Dictionary<long, double>[n];
        var moved = new double[n];
        for (var s = 0; s < solutions.Count; s++)
        {
            foreach (var change in solutions[s].Changes)
            {
                var c = change.Cell;
                long? value = change.Hypothesis switch
                {
                    Hypothesis.Candidate => cells[c].Candidates[change.CandidateIndex].Scaled,
                    Hypothesis.Printed => cells[c].Candidates[0].Scaled,
                    _ => change.Known ? change.Consistent : null,
                };
                if (cells[c].HasCandidates && value == cells[c].Candidates[0].Scaled)
                {
                    continue;
                }
                mass[c] ??= [];
                var key = value ?? NullKey;
                mass[c][key] = mass[c].GetValueOrDefault(key) + weights[s];
                moved[c] += weights[s];
            }
        }

        // Identities broken (on output values) by a misprint in the best assignment; the cells that are "free".
        var brokenOrFree = new bool[identities.Count];
        var broken = new bool[identities.Count];
        var misprints = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < identities.Count; k++)
        {
            long sum = 0;
            var unknown = false;
            var free = false;
            for (var x = 0; x < identityCells[k].Length; x++)
            {
                var c = identityCells[k][x];
                free |= hyp[c] is Hypothesis.Other or Hypothesis.Printed;
                // An "other" no identity pinned shows its top reading to the reviewer, but that is no value to check with.
                var v = hyp[c] == Hypothesis.Other && consistent[c] is null ? null : Output(c);
                if (v is null)
                {
                    unknown = true;
                }
                else
                {
                    sum += identityCoef[k][x] * v.Value;
                }
            }
            // A value nobody could read or infer leaves the identity unchecked, not broken: it says nothing
            // against the other cells, which then stand on their own readings like cells no identity checks.
            broken[k] = !unknown && sum != 0;
            brokenOrFree[k] = broken[k] || free || unknown;
            // The report printed it only where what broke it was read twice. A total read 104 by the strip at 0.87 and by
            // the cell at 0.40 (s40 0027, 304 printed, the 3's loop lost to show-through) may as well be misread: its cells
            // go to review, and the identity is only broken.
            // Nor where a reading of the cell's own shows the value that makes the sums hold: a blank whose show-through
            // reads 1 three ways (0.76, 0.71, 0.69) reads blank once its ink is smoothed (0.45; s34 0003).
            if (sum != 0 && !unknown && identityCells[k].Where(c => hyp[c] == Hypothesis.Printed).ToList() is { Count: > 0 } printedCells
                && printedCells.All(c => cells[c].ReadTwice && !(consistent[c] is long held && cells[c].ShowsAlso(held, ConsistentReadingConfidence))))
            {
                misprints.Add(identities[k].Name);
            }
        }
        var cellIdentities = AssignmentSearch.ByCell(n, identityCells, identityCoef).Identities;
        var inBroken = Enumerable.Range(0, n).Select(c => cellIdentities[c].Any(k => broken[k])).ToArray();
        // A sum that holds checks a cell of a broken one when no other of its cells is in a broken sum: the cells of a column
        // whose printed total is off are each checked by their row. Two misreads that offset each other in a row (8 and 18
        // both read with a 3) break their two columns, and their row checks neither.
        bool ChecksAlone(int k, int cell) => !brokenOrFree[k] && identityCells[k].All(c => c == cell || !inBroken[c]);

        // The cells each identity's output changed from the top readings, or holds free.
        var changedCells = identityCells.Select(ks => ks.Where(c => hyp[c] is Hypothesis.Other or Hypothesis.Printed
            || own[c].HasCandidates && Output(c) != own[c].Candidates[0].Scaled).ToList()).ToArray();
        var combined = SumsRidOfOneChangedValue(n, identityCells, identityCoef, changedCells, broken,
            c => hyp[c] == Hypothesis.Other ? consistent[c] is not null : hyp[c] == Hypothesis.Candidate);
        bool CombinedChecks(int cell) => combined[cell].Any(sum => !CopyMayHide(sum.Cells, sum.Coef, cell, Output, own));

        var repaired = RepairedOnTopReadings(own, identityCells, identityCoef);
        var result = new ReconciledCell[n];
        var pinnedBelowOk = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var cand = cells[i];
            var value = Output(i);
            var top = cand.HasCandidates ? cand.Candidates[0].Scaled : (long?)null;
            var topMass = total - moved[i];
            double posterior = pinned[i] ? own[i].Candidates[0].Probability
                : value == top && top is not null ? topMass / total
                : (mass[i]?.GetValueOrDefault(value ?? NullKey) ?? 0) / total;
            posterior = Math.Min(posterior, MaxConfidence);

            string status;
            var source = ValueSource.Reading;
            decimal? consistentValue = null;
            if (hyp[i] == Hypothesis.Other)
            {
                status = Statuses.NeedsReview;
                source = consistent[i] is not null ? ValueSource.Inferred : value is null ? ValueSource.None : ValueSource.Reading;
            }
            else if (onlyPinnedVouched && !pinned[i])
            {
                status = Statuses.NeedsReview;
            }
            else if (hyp[i] == Hypothesis.Printed)
            {
                status = Statuses.NeedsReview;
                consistentValue = consistent[i] is long t ? CellCandidates.ToDecimal(t) : null;
            }
            else if (cellIdentities[i].Any(k => broken[k]) && !cellIdentities[i].Any(k => ChecksAlone(k, i)))
            {
                status = Statuses.NeedsReview;
            }
            else if (value == top && !own[i].ReadThreeWays && cellIdentities[i].Any(k => repaired[k]) && !cellIdentities[i].Any(k => !brokenOrFree[k] && !repaired[k])
                && !CombinedChecks(i))
            {
                // A sum the readings break was closed by changing another of its cells: it was spent on that change
                // and vouches for nothing else. Two readings agreeing on a dash where a blurred 2 was printed would
                // otherwise pass because a weaker reading beside it gave way; a cell read alike three ways stands by itself,
                // by its posterior.
                status = Statuses.NeedsReview;
            }
            else if (!cellIdentities[i].Any(k => !brokenOrFree[k]) && combined[i].Count == 0)
            {
                // Every identity of the cell leans on an inferred or misprinted value: it checks nothing.
                status = value == top && cand.AgreesWithoutRival && posterior >= _options.OkPosterior
                    ? Statuses.Ok
                    : Statuses.NeedsReview;
            }
            else if (value == top && !cellIdentities[i].Any(k => !brokenOrFree[k] && !CopyMayHide(identityCells[k], identityCoef[k], i, Output, own))
                && !CombinedChecks(i))
            {
                // Nor does a sum that may hold only because the one number it carries was misread alike twice (see CopyMayHide).
                status = Statuses.NeedsReview;
            }
            else if (value == top)
            {
                status = posterior >= _options.OkPosterior ? Statuses.Ok : Statuses.NeedsReview;
                if (status == Statuses.NeedsReview && pinned[i] && !onlyPinnedVouched) pinnedBelowOk.Add(i);
            }
            else
            {
                status = posterior >= _options.CorrectedPosterior ? Statuses.Corrected : Statuses.NeedsReview;
            }

            var alternatives = new Dictionary<long, double>();
            if (top is long tv && value != tv)
            {
                alternatives[tv] = topMass / total;
            }
            if (mass[i] is not null)
            {
                foreach (var (v, w) in mass[i])
                {
                    if (v != NullKey && v != value)
                    {
                        alternatives[v] = Math.Max(alternatives.GetValueOrDefault(v), w / total);
                    }
                }
            }
            if (hyp[i] == Hypothesis.Printed && consistent[i] is long ct && ct != value)
            {
                alternatives.TryAdd(ct, 0);
            }
            // Candidates outside the window: their posterior is below e^-window relative to the best.
            var outside = Math.Exp(-window);
            if (pinned[i])
            {
                foreach (var c in own[i].Candidates.Skip(1))
                {
                    alternatives[c.Scaled] = c.Probability;
                }
            }
            foreach (var c in cand.Candidates)
            {
                if (c.Scaled != value && !alternatives.ContainsKey(c.Scaled))
                {
                    alternatives[c.Scaled] = Math.Min(c.Probability, outside);
                }
            }
            result[i] = new ReconciledCell(
                cand.Evidence.Id,
                value is long ov ? CellCandidates.ToDecimal(ov) : null,
                cand.TopText,
                value is null ? 0 : posterior,
                status,
                Alternatives(alternatives),
                source,
                consistentValue);
        }
        if (pinnedBelowOk.Count > 0)
        {
            VouchedByMargin(pinnedBelowOk, result, own, hyp, candidateIndex, consistent, Output, identityCells, identityCoef, cellIdentities);
        }
        if (onlyPinnedVouched && misprints.Count == 0 && Repaired(searchIndex, own, identityCells, identityCoef, stats) is { } byMargins
            && Reviews(byMargins.Cells) < Reviews(result))
        {
            // Two ways past a search too large: the sure cells pinned vouch for themselves, or the repair search's margins
            // vouch for the cells it keeps as read. Each is sound alone; the one that settles more is kept: a hard scan's
            // blanks read weakly are vouched for only by margins, zeros read alike four ways only by themselves.
            return byMargins;
        }
        return new Solved(searchIndex, result, misprints, stats);
    }

    private static int Reviews(ReconciledCell[] cells) => cells.Count(c => c.Status == Statuses.NeedsReview);

    /// <summary>
    /// Sums that check cells though each was closed by a change: two identities that both hold, whose one and only cell
    /// changed from its top reading (a candidate below it, or a value the identities inferred) is the same, taken one minus
    /// the other so that cell drops out. A sum closed by changing a cell is spent on the change (the error may lie in any of
    /// its cells); a row and a column each closed by changing the one cell they share locate the error there, and what is
    /// left of both, read as it stands, holds: it checks every cell in it as a sum no change touched would. A 无 read "3 4"
    /// and set to 0 closed its row and its column in 0007, whose other zeros, read 无 at 0.97 and 0.93, went to review.
    /// The reconciler alone on the readings of nine corpora left for review: bench150 435 cells instead of 476, c31 269
    /// instead of 284, g41 636 instead of 647, r27 287 instead of 292, p61 407, l21 85 (409, 88); n91, q93, s95 as before;
    /// no wrong value passed. For each cell, the sums it is in.
    /// </summary>
    private static List<(int[] Cells, int[] Coef)>[] SumsRidOfOneChangedValue(int n, int[][] identityCells, int[][] identityCoef,
        List<int>[] changedCells, bool[] broken, Func<int, bool> settled)
    {
        var result = Enumerable.Range(0, n).Select(_ => new List<(int[] Cells, int[] Coef)>()).ToArray();
        var byChangedCell = Enumerable.Range(0, identityCells.Length)
            .Where(k => !broken[k] && changedCells[k] is [var only] && settled(only))
            .GroupBy(k => changedCells[k][0]);
        foreach (var group in byChangedCell)
        {
            var ks = group.ToList();
            for (var a = 0; a < ks.Count; a++)
            {
                for (var b = a + 1; b < ks.Count; b++)
                {
                    var coef = new Dictionary<int, int>();
                    // Scaled so that the changed cell's coefficients cancel: a minus b where it stands on the same side of both.
                    var sign = -CoefOf(ks[a], group.Key) * CoefOf(ks[b], group.Key);
                    for (var x = 0; x < identityCells[ks[a]].Length; x++) Add(identityCells[ks[a]][x], identityCoef[ks[a]][x]);
                    for (var x = 0; x < identityCells[ks[b]].Length; x++) Add(identityCells[ks[b]][x], sign * identityCoef[ks[b]][x]);
                    var sum = coef.Where(p => p.Value != 0).ToList();
                    // A cell both sums hold on the same side would count twice: no sum of the layout's kind.
                    if (sum.Any(p => Math.Abs(p.Value) != 1)) continue;
                    (int[] Cells, int[] Coef) combined = ([.. sum.Select(p => p.Key)], [.. sum.Select(p => p.Value)]);
                    foreach (var c in combined.Cells) result[c].Add(combined);

                    void Add(int cell, int c) => coef[cell] = coef.GetValueOrDefault(cell) + c;
                }
            }
        }
        return result;

        int CoefOf(int k, int cell) => identityCoef[k][Array.IndexOf(identityCells[k], cell)];
    }

    /// <summary>
    /// Cells pinned to their readings (<see cref="PinnedToTopReadings"/>) answer only for themselves in the pinned search, by
    /// their own readings' posterior: a 无 the Chinese model guessed at 0.3 that the templates read at 0.9 stays under
    /// <see cref="ReconciliationOptions.OkPosterior"/>, though every sum it is in holds. Such a cell is vouched for as the repair
    /// search vouches (see <see cref="Repaired"/>): one of its sums holds on cells all kept as read, and no assignment of the
    /// unpinned cells within <see cref="RepairMarginNats"/> of the one found gives it another value.
    /// </summary>
    private void VouchedByMargin(List<int> weak, ReconciledCell[] result, CellCandidates[] own, Hypothesis[] hyp, int[] candidateIndex,
        long?[] consistent, Func<int, long?> output, int[][] identityCells, int[][] identityCoef, int[][] cellIdentities)
    {
        var n = own.Length;
        var moves = new RepairMove[n];
        var values = new long?[n];
        for (var c = 0; c < n; c++)
        {
            var asRead = hyp[c] == Hypothesis.Candidate && candidateIndex[c] == 0 && own[c].HasCandidates;
            moves[c] = hyp[c] switch
            {
                Hypothesis.Printed => RepairMove.Printed,
                Hypothesis.Other => RepairMove.Other,
                _ => asRead ? RepairMove.Base : RepairMove.Candidate,
            };
            values[c] = hyp[c] is Hypothesis.Printed or Hypothesis.Other ? consistent[c] : output(c);
        }
        bool AsRead(int c) => moves[c] == RepairMove.Base && values[c] == own[c].Candidates[0].Scaled;
        var search = new RepairSearch(own, identityCells, identityCoef, _options.PrintedErrorPrior);
        var found = new RepairAssignment(0, moves, values);
        var vouchedConfidence = Math.Min(MaxConfidence, 1 - Math.Exp(-RepairMarginNats));
        foreach (var i in weak)
        {
            if (!AsRead(i)) continue;
            var clean = cellIdentities[i].Any(k => identityCells[k].All(AsRead) && !CopyMayHide(identityCells[k], identityCoef[k], i, c => values[c], own));
            if (clean && !search.HasAlternativeWithin(i, found, RepairMarginNats, MarginNodes))
            {
                result[i] = result[i] with { Status = Statuses.Ok, Confidence = vouchedConfidence };
            }
        }
    }

    /// <summary>Cells none of whose identities is broken on the top readings (and that have a reading).</summary>
    private static bool[] PinnedToTopReadings(CellCandidates[] cells, int[][] identityCells, int[][] identityCoef)
    {
        var suspect = cells.Select(c => !c.HasCandidates).ToArray();
        foreach (var k in BrokenOnTopReadings(cells, identityCells, identityCoef))
        {
            foreach (var c in identityCells[k]) suspect[c] = true;
        }
        return suspect.Select(s => !s).ToArray();
    }

    /// <summary>Identities whose cells were all read and whose top readings do not add up: the best assignment changed one of them.</summary>
    private static bool[] RepairedOnTopReadings(CellCandidates[] cells, int[][] identityCells, int[][] identityCoef)
    {
        var broken = BrokenOnTopReadings(cells, identityCells, identityCoef).ToHashSet();
        return Enumerable.Range(0, identityCells.Length)
            .Select(k => broken.Contains(k) && identityCells[k].All(c => cells[c].HasCandidates))
            .ToArray();
    }

    /// <summary>The identities that do not hold on the top readings, or that hold a cell with no reading.</summary>
    private static IEnumerable<int> BrokenOnTopReadings(CellCandidates[] cells, int[][] identityCells, int[][] identityCoef)
    {
        for (var k = 0; k < identityCells.Length; k++)
        {
            long sum = 0;
            var known = true;
            for (var x = 0; x < identityCells[k].Length && known; x++)
            {
                var c = cells[identityCells[k][x]];
                known = c.HasCandidates;
                if (known) sum += identityCoef[k][x] * c.Candidates[0].Scaled;
            }
            if (!known || sum != 0) yield return k;
        }
    }

    /// <summary>
    /// Nodes the repair search may spend on the best assignment, and on each cell's margin. A margin search cut short
    /// vouches for nothing; on the solver dumps of five corpora 20 000 nodes a margin settled 0–5 more cells per corpus
    /// than 10 000, at up to 40 % more solving time on the hard tables that run out.
    /// </summary>
    private const long RepairNodes = 200_000, MarginNodes = 10_000;

    /// <summary>
    /// How much less probable than the best any assignment giving a kept cell another value must be for the cell to be
    /// vouched for: e^-8 each, so even a score of such rivals leaves the value above 0.99.
    /// </summary>
    private const double RepairMarginNats = 8.0;

    /// <summary>
    /// A reading a copy cannot have shared: read alike two ways with confidence, or surely with no other value in any reading.
    /// A misread glyph leaves the digit printed among its choices (the 1 read as 4 offered 1 in both cells); one no
    /// reading doubted was not misread alike in two cells by the same doubt. A dropped digit leaves no choice: the touching
    /// 53 of a total and of its one part read 3 in both (`generate --count 60 --seed 5212`, 0034), each read no more surely
    /// than a reading short of its ink.
    /// </summary>
    /// <remarks>
    /// A lone reading counts only as sure as two agreeing readings must be to make a cell no sum checks ok
    /// (<see cref="ReconciliationOptions.AgreementConfidence"/>). Half sure is not enough: a hard bilevel scan's 3 of 予以公开 read
    /// 1 at 0.50 by the cell alone, and in 总计 at 0.33 (`generate --count 60 --seed 6060 --bilevel mixed`, 0000); the row's sum
    /// held on the two 1s and passed the 1 as ok.
    /// </remarks>
    private bool UnsharedReading(CellCandidates cell) =>
        cell.IndependentAgreement || cell.Candidates.Length == 1 && cell.ShowsAlso(cell.Candidates[0].Scaled, _options.AgreementConfidence);

    /// <summary>
    /// The identity may hold only because the one number it carries was misread alike in a part and in its total, so it
    /// does not check cell <paramref name="cell"/>, unless the cell's own reading is one no copy shared: for a number, a
    /// copy (<see cref="IsCopy"/>); for a zero its readings leave in doubt, a sum of zeros with such a zero on the other
    /// side (the 2 of 本机关不掌握 read 无 at 0.3 and nothing else, in 自然人 and in 总计 alike, `generate --count 60 --seed 6060
    /// --bilevel mixed` 0000: the row of zeros held and passed the 0 as ok). A sum with a number in it still checks the
    /// zeros beside, and zeros read alike two ways, however low the engine scored them, check each other.
    /// </summary>
    private bool CopyMayHide(int[] identityCells, int[] identityCoef, int cell, Func<int, long?> valueOf, CellCandidates[] cells)
    {
        if (UnsharedReading(cells[cell])) return false;
        if (valueOf(cell) is not 0) return IsCopy(identityCells, valueOf, cells);
        if (!DoubtfulZero(cells[cell])) return false;
        var side = Math.Sign(identityCoef[Array.IndexOf(identityCells, cell)]);
        var zeros = true;
        var doubtfulBeyond = false;
        for (var x = 0; x < identityCells.Length; x++)
        {
            var c = identityCells[x];
            zeros &= valueOf(c) is 0;
            doubtfulBeyond |= Math.Sign(identityCoef[x]) != side && DoubtfulZero(cells[c]);
        }
        return zeros && doubtfulBeyond;
    }

    /// <summary>
    /// A zero no more than one of its own readings shows (two ways reading a lone digit below
    /// <see cref="CellCandidates.LoneDigitFloorFrom"/> mostly agree on noise), nor surely: a confirmed or text-layer zero, or
    /// one read alike two ways, is no copy's.
    /// </summary>
    private bool DoubtfulZero(CellCandidates cell) =>
        !cell.IsConfirmed && !cell.HasTextReading && !UnsharedReading(cell) && cell.ReadingsShowing(0, CellCandidates.LoneDigitFloorFrom) < 2
        && !(cell.HasCandidates && cell.Candidates[0].Scaled == 0 && cell.Candidates[0].Probability >= _options.OkPosterior);

    /// <summary>
    /// The identity holds only because a total copies its one non-zero part, both read by OCR: the same number printed
    /// twice in one font is misread the same way twice (a 1 with a foot read as 4 in both), so the sum checks nothing the
    /// readings did not already say about those two. A confirmed or text-layer value shares no misreading.
    /// </summary>
    private static bool IsCopy(int[] identityCells, Func<int, long?> valueOf, CellCandidates[] cells)
    {
        int read = 0, known = 0;
        foreach (var c in identityCells)
        {
            if (valueOf(c) is null or 0)
            {
                continue;
            }
            if (cells[c].IsConfirmed || cells[c].HasTextReading)
            {
                known++;
            }
            else
            {
                read++;
            }
        }
        return read == 2 && known == 0;
    }

    /// <summary>
    /// The exact search gave up (dozens of weak cells on a hard scan): the best assignment of <see cref="RepairSearch"/>.
    /// A cell it keeps at its top reading is ok when one of its identities holds on cells that all stay as read (or its own
    /// readings agree surely, as for a cell no identity checks), and no assignment within <see cref="RepairMarginNats"/> of
    /// the best gives it another value; every cell the best assignment moves, or leaves open, needs review with the value it
    /// proposes (with its top reading when the search only found an assignment, not the best one). Null when the repair
    /// search runs past its limit too.
    /// </summary>
    private Solved? Repaired(int[] searchIndex, CellCandidates[] cells, int[][] identityCells, int[][] identityCoef, SolverStatistics stats)
    {
        var search = new RepairSearch(cells, identityCells, identityCoef, _options.PrintedErrorPrior);
        var best = search.Best(RepairNodes);
        if (best is null) return null;
        bool AsRead(int c) => best.Moves[c] == RepairMove.Base && cells[c].HasCandidates && best.Values[c] == cells[c].Candidates[0].Scaled;
        var clean = identityCells.Select(ids => ids.All(AsRead)).ToArray();
        var cellIdentities = search.CellIdentities;
        var vouchedConfidence = Math.Min(MaxConfidence, 1 - Math.Exp(-RepairMarginNats));
        var result = new ReconciledCell[cells.Length];
        // An alternative found for one cell that gives others another value too is one for them: theirs need no search.
        var hasAlternative = new bool[cells.Length];
        bool AlternativeWithinMargin(int i)
        {
            if (hasAlternative[i]) return true;
            if (!search.HasAlternativeWithin(i, best, RepairMarginNats, MarginNodes, out var found)) return false;
            for (var c = 0; found is not null && c < cells.Length; c++)
            {
                hasAlternative[c] |= found.Values[c] != best.Values[c];
            }
            return true;
        }
        for (var i = 0; i < cells.Length; i++)
        {
            var cand = cells[i];
            var value = best.Values[i];
            if (AsRead(i))
            {
                var top = cand.Candidates[0];
                // A cell its readings make sure of, as a cell no sum checks is made ok (see UncheckedCell), needs no clean sum
                // when no rival assignment reaches it: every sum of a hard scan's zero read alike four ways may hold a misread
                // the search moved.
                var sureByItself = cand.AgreesWithoutRival && top.Probability >= _options.OkPosterior;
                var vouched = (sureByItself || cellIdentities[i].Any(k => clean[k] && !CopyMayHide(identityCells[k], identityCoef[k], i, c => best.Values[c], cells)))
                    && !AlternativeWithinMargin(i);
                result[i] = new ReconciledCell(cand.Evidence.Id, CellCandidates.ToDecimal(top.Scaled), cand.TopText,
                    vouched ? vouchedConfidence : Math.Min(top.Probability, MaxConfidence), vouched ? Statuses.Ok : Statuses.NeedsReview,
                    Alternatives(cand.Candidates.Skip(1).ToDictionary(c => c.Scaled, c => c.Probability)), ValueSource.Reading);
                continue;
            }
            var printed = best.Moves[i] == RepairMove.Printed;
            // An assignment only found first, not known best, proposes values no better than the readings: it shows those.
            var shown = printed || !best.Best && cand.HasCandidates ? cand.Candidates[0].Scaled : value;
            var alternatives = cand.Candidates.Where(c => c.Scaled != shown).ToDictionary(c => c.Scaled, c => c.Probability);
            if (value is long proposed && shown != proposed) alternatives.TryAdd(proposed, 0);
            var read = shown is long v && cand.IndexOf(v) >= 0;
            var probability = shown is long s && cand.IndexOf(s) is >= 0 and var ci ? cand.Candidates[ci].Probability : 0;
            result[i] = new ReconciledCell(cand.Evidence.Id, shown is long o ? CellCandidates.ToDecimal(o) : null, cand.TopText,
                Math.Min(probability, MaxConfidence), Statuses.NeedsReview, Alternatives(alternatives),
                read ? ValueSource.Reading : shown is null ? ValueSource.None : ValueSource.Inferred,
                printed && value is long consistent ? CellCandidates.ToDecimal(consistent) : null);
        }
        return new Solved(searchIndex, result, [], stats);
    }

    /// <summary>
    /// The search hit a limit or found nothing (confirmed values that contradict an identity): the top readings; a
    /// cell stays ok only when its own readings agree, and every identity it is in holds on the top readings — or, in
    /// a hard scan where some identity of nearly every cell breaks, one of its identities holds on cells all read
    /// alike two ways, and each identity it breaks has a cell read weakly to blame.
    /// </summary>
    private Solved Fallback(int[] searchIndex, CellCandidates[] cells, int[][] identityCells, int[][] identityCoef, SolverStatistics stats)
    {
        var result = cells.Select(UncheckedCell).ToArray();
        var vouched = result.Select(r => r.Status == Statuses.Ok).ToArray();
        var broken = BrokenOnTopReadings(cells, identityCells, identityCoef).ToHashSet();
        var cellIdentities = AssignmentSearch.ByCell(cells.Length, identityCells, identityCoef).Identities;
        for (var c = 0; c < cells.Length; c++)
        {
            var inBroken = cellIdentities[c].Where(broken.Contains).ToList();
            if (inBroken.Count == 0) continue;
            var checkedByVouched = cellIdentities[c].Any(k => !broken.Contains(k) && identityCells[k].All(x => vouched[x]));
            var weakToBlame = inBroken.All(k => identityCells[k].Any(x => x != c && !vouched[x]));
            if (!(vouched[c] && checkedByVouched && weakToBlame))
            {
                result[c] = result[c] with { Status = Statuses.NeedsReview };
            }
        }
        return new Solved(searchIndex, result, [], stats);
    }

    /// <summary>A cell nothing checks: its best reading, ok only when independent readings agree with confidence.</summary>
    private ReconciledCell UncheckedCell(CellCandidates cand)
    {
        if (!cand.HasCandidates)
        {
            return new ReconciledCell(cand.Evidence.Id, null, cand.TopText, 0, Statuses.NeedsReview, [], ValueSource.None);
        }
        var top = cand.Candidates[0];
        var ok = cand.AgreesWithoutRival && top.Probability >= _options.OkPosterior;
        var alternatives = cand.Candidates.Skip(1).ToDictionary(c => c.Scaled, c => c.Probability);
        return new ReconciledCell(cand.Evidence.Id, CellCandidates.ToDecimal(top.Scaled), cand.TopText,
            Math.Min(top.Probability, MaxConfidence), ok ? Statuses.Ok : Statuses.NeedsReview, Alternatives(alternatives),
            ValueSource.Reading);
    }

    private static ReconciledCell ConfirmedCell(CellCandidates cand) =>
        new(cand.Evidence.Id, CellCandidates.ToDecimal(cand.Candidates[0].Scaled), cand.TopText, 1.0,
            Statuses.Confirmed, [], ValueSource.Confirmed);

    private static IReadOnlyList<ValueAlternative> Alternatives(Dictionary<long, double> alternatives) =>
        alternatives
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key)
            .Select(p => new ValueAlternative(CellCandidates.ToDecimal(p.Key), p.Value))
            .ToList();

    private static (bool Holds, decimal? Lhs, decimal? Rhs) Evaluate(Identity identity, ReconciledCell[] cells, Dictionary<string, int> index)
    {
        decimal? Sum(IEnumerable<string> ids)
        {
            decimal sum = 0;
            foreach (var id in ids)
            {
                if (cells[index[id]].Value is not decimal v)
                {
                    return null;
                }
                sum += v;
            }
            return sum;
        }
        var lhs = Sum(identity.Lhs);
        var rhs = Sum(identity.Rhs);
        return (lhs is not null && rhs is not null && lhs == rhs, lhs, rhs);
    }
}
