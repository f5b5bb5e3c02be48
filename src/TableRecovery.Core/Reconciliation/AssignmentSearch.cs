namespace TableRecovery.Core.Reconciliation;

/// <summary>What a cell holds in one assignment.</summary>
internal enum Hypothesis : byte
{
    Unassigned,
    /// <summary>One of its candidate values, printed and read.</summary>
    Candidate,
    /// <summary>A value no reading shows (the OCR misread it); the identities pin it.</summary>
    Other,
    /// <summary>The report misprinted it: printed = the top reading, the identities pin the consistent value.</summary>
    Printed,
}

/// <summary>A cell whose hypothesis in an assignment differs from "its top candidate, no misprint".</summary>
internal readonly record struct CellChoice(int Cell, Hypothesis Hypothesis, int CandidateIndex, long Consistent, bool Known);

internal sealed record Assignment(double Cost, CellChoice[] Changes);

/// <summary>
/// Exact search for the most probable assignments satisfying every identity: depth-first branch and bound with
/// unit propagation (an identity with one unknown cell determines it). Every assignment within
/// <c>window</c> nats of the best is kept, so posteriors and margins can be read off.
/// </summary>
/// <remarks>
/// Variables are cells; a cell's options are its candidates, "other" (a value no reading shows, pinned by an
/// identity) and "printed" (the report's own misprint: output stays the top reading, the identities are broken).
/// Values are scaled integers, so sums are exact. The lower bound is the sum of each unassigned cell's cheapest
/// option. Branching picks the identity with fewest unknowns and, inside it, the most confident cell, so the
/// ambiguous cells are usually the ones propagation determines.
/// </remarks>
internal sealed class AssignmentSearch
{
    private readonly CellCandidates[] _cells;
    private readonly double[][] _candidateCost;
    private readonly double[] _otherBase;
    private readonly double[] _printedCost;
    private readonly double[] _lowerBound;
    private readonly double[] _gap;
    private readonly long[] _top;
    private readonly bool[] _flexible;
    private readonly long[] _default;
    private readonly int[][] _families;
    private readonly int[][] _identityCells;
    private readonly int[][] _identityCoef;
    private readonly int[][] _cellIdentities;
    private readonly int[][] _cellIdentityCoef;
    private readonly double _window;
    private readonly long _maxNodes;
    private readonly int _maxSolutions;

    private readonly Hypothesis[] _hyp;
    private readonly int[] _candidateIndex;
    private readonly long[] _value;
    private readonly bool[] _known;
    private readonly long[] _sum;
    private readonly int[] _unknown;
    private readonly int[] _unassigned;
    private readonly long[] _pendingDefault;
    private readonly int[] _pendingFlexible;
    private readonly int[] _openFree;
    private readonly int[] _unknownRising;
    private readonly int[] _unknownFalling;
    private readonly int[] _unknownSigned;
    private double _cost;
    private double _lbRemaining;
    private double _cap;
    private double _best;

    private readonly List<Assignment> _solutions = [];

    public AssignmentSearch(CellCandidates[] cells, int[][] identityCells, int[][] identityCoef,
        double printedErrorPrior, double window, long maxNodes, int maxSolutions)
    {
        _cells = cells;
        _identityCells = identityCells;
        _identityCoef = identityCoef;
        _window = window;
        _maxNodes = maxNodes;
        _maxSolutions = maxSolutions;
        var n = cells.Length;
        _candidateCost = new double[n][];
        _otherBase = new double[n];
        _printedCost = new double[n];
        _lowerBound = new double[n];
        _gap = new double[n];
        _top = new long[n];
        var printedPenalty = -Math.Log(printedErrorPrior);
        for (var i = 0; i < n; i++)
        {
            var c = cells[i];
            _candidateCost[i] = c.CandidateNats();
            _otherBase[i] = c.OtherProbability > 0 ? -Math.Log(c.OtherProbability) : double.PositiveInfinity;
            _printedCost[i] = c.MisprintNats(printedPenalty);
            _top[i] = c.HasCandidates ? c.Candidates[0].Scaled : long.MinValue;
            var options = new List<double>(_candidateCost[i])
            {
                OtherLowerBound(i),
                _printedCost[i],
            };
            options.Sort();
            _lowerBound[i] = options[0];
            _gap[i] = options.Count > 1 ? options[1] - options[0] : double.PositiveInfinity;
        }
        _flexible = new bool[n];
        _default = new long[n];
        for (var i = 0; i < n; i++)
        {
            // A cell whose cheapest option is its top candidate "wants" that value; otherwise it absorbs anything.
            _flexible[i] = !cells[i].HasCandidates || _candidateCost[i][0] > _lowerBound[i];
            _default[i] = _flexible[i] ? 0 : _top[i];
        }
        _families = DisjointFamilies(identityCells);
        (_cellIdentities, _cellIdentityCoef) = ByCell(n, identityCells, identityCoef);

        _hyp = new Hypothesis[n];
        _candidateIndex = new int[n];
        _value = new long[n];
        _known = new bool[n];
        _sum = new long[identityCells.Length];
        _unknown = new int[identityCells.Length];
        _unassigned = new int[identityCells.Length];
        _pendingDefault = new long[identityCells.Length];
        _pendingFlexible = new int[identityCells.Length];
        _openFree = new int[identityCells.Length];
        _unknownRising = new int[identityCells.Length];
        _unknownFalling = new int[identityCells.Length];
        _unknownSigned = new int[identityCells.Length];
    }

    /// <summary>
    /// Families of pairwise disjoint identities (rows; columns): within one family the repairs an identity needs
    /// are paid by different cells, so their costs add up to a valid lower bound.
    /// </summary>
    /// <summary>For each of <paramref name="n"/> cells, the identities it is in and its coefficient in each.</summary>
    internal static (int[][] Identities, int[][] Coefs) ByCell(int n, int[][] identityCells, int[][] identityCoef)
    {
        var perCell = Enumerable.Range(0, n).Select(_ => new List<(int Identity, int Coef)>()).ToArray();
        for (var k = 0; k < identityCells.Length; k++)
        {
            for (var j = 0; j < identityCells[k].Length; j++)
            {
                perCell[identityCells[k][j]].Add((k, identityCoef[k][j]));
            }
        }
        return (perCell.Select(l => l.Select(x => x.Identity).ToArray()).ToArray(), perCell.Select(l => l.Select(x => x.Coef).ToArray()).ToArray());
    }

    internal static int[][] DisjointFamilies(int[][] identityCells)
    {
        int[] Greedy(IEnumerable<int> order)
        {
            var used = new HashSet<int>();
            var family = new List<int>();
            foreach (var k in order)
            {
                if (identityCells[k].All(c => !used.Contains(c)))
                {
                    family.Add(k);
                    used.UnionWith(identityCells[k]);
                }
            }
            return [.. family];
        }
        var ids = Enumerable.Range(0, identityCells.Length).ToList();
        return
        [
            Greedy(ids.OrderBy(k => identityCells[k].Length)),
            Greedy(ids.OrderByDescending(k => identityCells[k].Length)),
        ];
    }

    /// <summary>
    /// Extra cost every completion must pay: an identity whose open cells cannot all keep their cheapest value
    /// (the residual would not be zero) needs at least one of them to move, at its smallest gap.
    /// </summary>
    private double RepairBound()
    {
        var best = 0.0;
        foreach (var family in _families)
        {
            var extra = 0.0;
            foreach (var k in family)
            {
                if (_unassigned[k] == 0 || _pendingFlexible[k] > 0 || _openFree[k] > 0 || _sum[k] + _pendingDefault[k] == 0)
                {
                    continue;
                }
                var cheapest = double.PositiveInfinity;
                foreach (var c in _identityCells[k])
                {
                    if (_hyp[c] == Hypothesis.Unassigned && _gap[c] < cheapest)
                    {
                        cheapest = _gap[c];
                    }
                }
                extra += cheapest;
            }
            best = Math.Max(best, extra);
        }
        return best;
    }

    public long Nodes { get; private set; }

    /// <summary>A search limit was hit: the solutions are not all there is.</summary>
    public bool Incomplete { get; private set; }

    public IReadOnlyList<Assignment> Solutions => _solutions;

    public double BestCost => _best;

    /// <summary>Cells whose second-best option is within <paramref name="nats"/> of their best.</summary>
    public int CountAmbiguous(double nats) => _gap.Count(g => g < nats);

    public double LowerBoundCost(int cell) => _lowerBound[cell];

    /// <summary>Cost of the "other" hypothesis at a value; the dropped-digit values are the cheap ones.</summary>
    public double OtherCost(int cell, long value) => _otherBase[cell] - Math.Log(_cells[cell].OtherShare(value));

    private double OtherLowerBound(int cell) => _otherBase[cell] - Math.Log(CellCandidates.DroppedDigitShare);

    public void Run()
    {
        // Iterative deepening on the cost cap: a cap a little above the lower bound first, wider when nothing fits.
        // Once the best is known, the window behind it is searched completely (a second pass if the cap was short).
        var total = _lowerBound.Sum();
        Reset();
        _cap = total + RepairBound() + _window;
        for (var round = 0; round < 6 && !Incomplete; round++)
        {
            Reset();
            Dfs();
            if (_solutions.Count > 0)
            {
                if (_best + _window > _cap + 1e-9 && !Incomplete)
                {
                    _cap = _best + _window;
                    Reset();
                    Dfs();
                }
                break;
            }
            _cap += _window * (2 << round);
        }
        if (_solutions.Count > 0)
        {
            _solutions.RemoveAll(s => s.Cost > _best + _window);
        }
    }

    private void Reset()
    {
        _solutions.Clear();
        _best = double.PositiveInfinity;
        Array.Fill(_hyp, Hypothesis.Unassigned);
        Array.Fill(_known, false);
        Array.Clear(_sum);
        Array.Clear(_openFree);
        for (var k = 0; k < _identityCells.Length; k++)
        {
            _unknown[k] = _identityCells[k].Length;
            _unassigned[k] = _identityCells[k].Length;
            _unknownRising[k] = 0;
            _unknownFalling[k] = 0;
            _unknownSigned[k] = 0;
            for (var x = 0; x < _identityCells[k].Length; x++)
            {
                CountUnknown(k, _identityCells[k][x], _identityCoef[k][x], 1);
            }
            _pendingDefault[k] = 0;
            _pendingFlexible[k] = 0;
            for (var x = 0; x < _identityCells[k].Length; x++)
            {
                var c = _identityCells[k][x];
                if (_flexible[c])
                {
                    _pendingFlexible[k]++;
                }
                else
                {
                    _pendingDefault[k] += _identityCoef[k][x] * _default[c];
                }
            }
        }
        _cost = 0;
        _lbRemaining = _lowerBound.Sum();
    }

    private double Threshold => Math.Min(_cap, _best + _window);

    private void Dfs()
    {
        if (Incomplete)
        {
            return;
        }
        if (++Nodes > _maxNodes)
        {
            Incomplete = true;
            return;
        }
        if (_cost + _lbRemaining > Threshold || _cost + _lbRemaining + RepairBound() > Threshold)
        {
            return;
        }

        for (var k = 0; k < _unknown.Length; k++)
        {
            if (_unknown[k] != 1)
            {
                continue;
            }
            var cells = _identityCells[k];
            var j = -1;
            var coef = 0;
            for (var x = 0; x < cells.Length; x++)
            {
                if (!_known[cells[x]])
                {
                    j = cells[x];
                    coef = _identityCoef[k][x];
                    break;
                }
            }
            var required = -_sum[k] * coef;
            if (_hyp[j] == Hypothesis.Unassigned)
            {
                Force(j, required);
            }
            else
            {
                Determine(j, required);
            }
            return;
        }

        var cell = PickBranchCell();
        if (cell < 0)
        {
            Leaf();
            return;
        }
        var candidates = _candidateCost[cell];
        for (var ci = 0; ci < candidates.Length; ci++)
        {
            TryKnown(cell, Hypothesis.Candidate, ci, _cells[cell].Candidates[ci].Scaled, candidates[ci]);
        }
        TryUnknown(cell, Hypothesis.Other, OtherLowerBound(cell));
        TryUnknown(cell, Hypothesis.Printed, _printedCost[cell]);
    }

    /// <summary>An unassigned cell that an identity pins to <paramref name="value"/>.</summary>
    private void Force(int cell, long value)
    {
        if (!IsValid(cell, value))
        {
            return;
        }
        var ci = _cells[cell].IndexOf(value);
        if (ci >= 0)
        {
            TryKnown(cell, Hypothesis.Candidate, ci, value, _candidateCost[cell][ci]);
        }
        else if (!double.IsPositiveInfinity(_otherBase[cell]))
        {
            TryKnown(cell, Hypothesis.Other, -1, value, OtherCost(cell, value));
        }
        if (value != _top[cell])
        {
            TryKnown(cell, Hypothesis.Printed, -1, value, _printedCost[cell]);
        }
    }

    /// <summary>A cell already taken as "other" or "printed" whose consistent value an identity now pins.</summary>
    private void Determine(int cell, long value)
    {
        if (!IsValid(cell, value))
        {
            return;
        }
        var extra = 0.0;
        if (_hyp[cell] == Hypothesis.Other)
        {
            if (_cells[cell].IndexOf(value) >= 0)
            {
                return;
            }
            extra = OtherCost(cell, value) - OtherLowerBound(cell);
        }
        else if (value == _top[cell])
        {
            return;
        }
        _cost += extra;
        foreach (var k in _cellIdentities[cell])
        {
            _openFree[k]--;
        }
        var ok = SetKnown(cell, value);
        if (ok)
        {
            Dfs();
        }
        UnsetKnown(cell, value);
        foreach (var k in _cellIdentities[cell])
        {
            _openFree[k]++;
        }
        _cost -= extra;
    }

    private void TryKnown(int cell, Hypothesis hyp, int candidateIndex, long value, double optionCost)
    {
        if (double.IsPositiveInfinity(optionCost) || _cost + optionCost + _lbRemaining - _lowerBound[cell] > Threshold)
        {
            return;
        }
        Assign(cell, hyp, candidateIndex, optionCost);
        var ok = SetKnown(cell, value);
        if (ok)
        {
            Dfs();
        }
        UnsetKnown(cell, value);
        Unassign(cell, optionCost);
    }

    private void TryUnknown(int cell, Hypothesis hyp, double optionCost)
    {
        if (double.IsPositiveInfinity(optionCost) || _cost + optionCost + _lbRemaining - _lowerBound[cell] > Threshold)
        {
            return;
        }
        Assign(cell, hyp, -1, optionCost);
        var ok = true;
        foreach (var k in _cellIdentities[cell])
        {
            _openFree[k]++;
            ok &= CanClose(k);
        }
        if (ok) Dfs();
        foreach (var k in _cellIdentities[cell])
        {
            _openFree[k]--;
        }
        Unassign(cell, optionCost);
    }

    private void Assign(int cell, Hypothesis hyp, int candidateIndex, double optionCost)
    {
        _hyp[cell] = hyp;
        _candidateIndex[cell] = candidateIndex;
        _cost += optionCost;
        _lbRemaining -= _lowerBound[cell];
        var ids = _cellIdentities[cell];
        var coefs = _cellIdentityCoef[cell];
        for (var x = 0; x < ids.Length; x++)
        {
            var k = ids[x];
            _unassigned[k]--;
            if (_flexible[cell])
            {
                _pendingFlexible[k]--;
            }
            else
            {
                _pendingDefault[k] -= coefs[x] * _default[cell];
            }
        }
    }

    private void Unassign(int cell, double optionCost)
    {
        var ids = _cellIdentities[cell];
        var coefs = _cellIdentityCoef[cell];
        for (var x = 0; x < ids.Length; x++)
        {
            var k = ids[x];
            _unassigned[k]++;
            if (_flexible[cell])
            {
                _pendingFlexible[k]++;
            }
            else
            {
                _pendingDefault[k] += coefs[x] * _default[cell];
            }
        }
        _lbRemaining += _lowerBound[cell];
        _cost -= optionCost;
        _hyp[cell] = Hypothesis.Unassigned;
    }

    /// <returns>
    /// False when an identity it completes does not hold, or when the cells still unknown in one of its identities
    /// can no longer close it (the caller still undoes).
    /// </returns>
    private bool SetKnown(int cell, long value)
    {
        _known[cell] = true;
        _value[cell] = value;
        var ok = true;
        var ids = _cellIdentities[cell];
        var coefs = _cellIdentityCoef[cell];
        for (var x = 0; x < ids.Length; x++)
        {
            var k = ids[x];
            _sum[k] += coefs[x] * value;
            --_unknown[k];
            CountUnknown(k, cell, coefs[x], -1);
            ok &= CanClose(k);
        }
        return ok;
    }

    /// <summary>
    /// Non-negative cells only add on their side of an identity: when every cell still unknown stands on the side the
    /// sum already exceeds, no values close it. Checked at each step, a dead branch ends where it starts, not at its
    /// leaves (on a hard scan, dozens of weak zeros otherwise keep a branch open through every order of them).
    /// </summary>
    private bool CanClose(int k)
    {
        if (_unknown[k] == 0) return _sum[k] == 0;
        if (_unknownSigned[k] > 0 || _unknownRising[k] > 0 && _unknownFalling[k] > 0) return true;
        // Σ coef·x over the unknown cells must be −sum: ≥ 0 when they all add (+1), ≤ 0 when they all take away.
        return (_unknownRising[k] > 0 ? _sum[k] <= 0 : _sum[k] >= 0) && (_sum[k] != 0 || EachCanBeZero(k));
    }

    /// <summary>
    /// The unknown cells of an identity the known ones already close are each 0: none may be an "other" that a reading
    /// shows 0 for (that is the candidate, not a value no reading shows) or a misprint of a printed 0. Left open, such
    /// cells passed for values no reading shows in pairs (a blank of a row and one of another row, open, with nothing to
    /// give them), and every weak blank of a hard scan had such rivals.
    /// </summary>
    private bool EachCanBeZero(int k)
    {
        foreach (var c in _identityCells[k])
        {
            if (_known[c]) continue;
            if (!IsValid(c, 0)
                || _hyp[c] == Hypothesis.Other && _cells[c].IndexOf(0) >= 0
                || _hyp[c] == Hypothesis.Printed && _top[c] == 0)
            {
                return false;
            }
        }
        return true;
    }

    private void CountUnknown(int k, int cell, int coef, int delta)
    {
        if (!_cells[cell].IsNonNegative) _unknownSigned[k] += delta;
        else if (coef > 0) _unknownRising[k] += delta;
        else _unknownFalling[k] += delta;
    }

    private void UnsetKnown(int cell, long value)
    {
        var ids = _cellIdentities[cell];
        var coefs = _cellIdentityCoef[cell];
        for (var x = 0; x < ids.Length; x++)
        {
            var k = ids[x];
            _sum[k] -= coefs[x] * value;
            _unknown[k]++;
            CountUnknown(k, cell, coefs[x], 1);
        }
        _known[cell] = false;
    }

    private bool IsValid(int cell, long value) => _cells[cell].CanHold(value);

    private int PickBranchCell()
    {
        var bestIdentity = -1;
        var fewest = int.MaxValue;
        for (var k = 0; k < _unassigned.Length; k++)
        {
            if (_unassigned[k] > 0 && _unknown[k] < fewest)
            {
                fewest = _unknown[k];
                bestIdentity = k;
            }
        }
        if (bestIdentity < 0)
        {
            // Cells in no identity are not given to the search; but be safe.
            for (var i = 0; i < _hyp.Length; i++)
            {
                if (_hyp[i] == Hypothesis.Unassigned)
                {
                    return i;
                }
            }
            return -1;
        }
        var pick = -1;
        var widest = double.NegativeInfinity;
        foreach (var c in _identityCells[bestIdentity])
        {
            if (_hyp[c] == Hypothesis.Unassigned && _gap[c] > widest)
            {
                widest = _gap[c];
                pick = c;
            }
        }
        return pick;
    }

    private void Leaf()
    {
        // Identities left with two or more free cells are underdetermined: feasible unless every free cell sits
        // on one side, must be non-negative and the rest already exceeds the other side.
        for (var k = 0; k < _unknown.Length; k++)
        {
            if (_unknown[k] == 0)
            {
                continue;
            }
            var cells = _identityCells[k];
            var coefs = _identityCoef[k];
            int sign = 0;
            var oneSided = true;
            var allNonNegative = true;
            for (var x = 0; x < cells.Length; x++)
            {
                if (_known[cells[x]])
                {
                    continue;
                }
                allNonNegative &= _cells[cells[x]].IsNonNegative;
                if (sign == 0)
                {
                    sign = coefs[x];
                }
                else if (sign != coefs[x])
                {
                    oneSided = false;
                }
            }
            if (oneSided && allNonNegative && -_sum[k] * sign < 0)
            {
                return;
            }
        }

        if (_solutions.Count >= _maxSolutions)
        {
            _solutions.RemoveAll(s => s.Cost > Threshold);
            if (_solutions.Count >= _maxSolutions)
            {
                Incomplete = true;
                return;
            }
        }
        var changes = new List<CellChoice>();
        for (var i = 0; i < _hyp.Length; i++)
        {
            if (_hyp[i] != Hypothesis.Candidate || _candidateIndex[i] != 0)
            {
                changes.Add(new CellChoice(i, _hyp[i], _candidateIndex[i], _known[i] ? _value[i] : 0, _known[i]));
            }
        }
        _solutions.Add(new Assignment(_cost, [.. changes]));
        if (_cost < _best)
        {
            _best = _cost;
        }
    }
}
