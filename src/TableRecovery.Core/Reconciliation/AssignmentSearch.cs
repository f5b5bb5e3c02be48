namespace TableRecovery.Core.Reconciliation;

/// <summary>What a cell holds in one assignment.</summary>
internal enum Hypothesis : byte
{
    /// <summary>One of its candidate values, printed and read.</summary>
    Candidate,
    /// <summary>A value no reading shows (the OCR misread it); the identities pin it, or nothing does (unknown).</summary>
    Other,
    /// <summary>The report misprinted it: printed = the top reading, the identities pin the consistent value.</summary>
    Printed,
}

/// <summary>A cell whose hypothesis in an assignment differs from "its top candidate, no misprint".</summary>
internal readonly record struct CellChoice(int Cell, Hypothesis Hypothesis, int CandidateIndex, long Consistent, bool Known);

internal sealed record Assignment(double Cost, CellChoice[] Changes);

/// <summary>
/// Exact search for the most probable assignments that satisfy every identity, and every other assignment within
/// <c>window</c> nats of it (for posteriors and margins).
/// </summary>
/// <remarks>
/// OCR errors are sparse, so the search runs over <em>deviations</em> from the default assignment (each cell at its
/// most probable candidate): best-first (A*) over sets of deviations, cheapest first. A state's identities are
/// evaluated by propagation (an identity with one unknown cell determines it; "other" and "printed" cells and cells
/// with no confident reading are unknowns). A state that breaks an identity is expanded only by deviations of the
/// cells that can change that identity: every repair must touch it, so the search stays complete. A consistent
/// state is a solution and may be expanded by any deviation still inside the window. The heuristic — the smallest
/// gap of each broken identity, summed over a family of disjoint identities — never overestimates.
/// Values are scaled integers, so sums are exact.
/// </remarks>
internal sealed class AssignmentSearch
{
    private const int OptionOther = -1;
    private const int OptionPrinted = -2;

    private readonly CellCandidates[] _cells;
    private readonly double[][] _candidateCost;
    private readonly double[] _otherBase;
    private readonly double[] _printedCost;
    private readonly double[] _lowerBound;
    private readonly double[] _gap;
    private readonly long[] _top;
    private readonly bool[] _flexible;
    private readonly int[][] _identityCells;
    private readonly int[][] _identityCoef;
    private readonly int[][] _cellIdentities;
    private readonly int[][] _cellIdentityCoef;
    private readonly int[] _familyOf;
    private readonly double[] _minNeighbourGap;
    private readonly int _familyCount;
    private readonly double _window;
    private readonly long _maxNodes;
    private readonly int _maxSolutions;
    private readonly double _baseCost;

    // Evaluation scratch (one search per instance, single-threaded).
    private readonly int[] _option;
    private readonly bool[] _deviated;
    private readonly bool[] _known;
    private readonly long[] _value;
    private readonly int[] _reason;
    private readonly bool[] _poisoned;
    private readonly int[] _flexChoice;
    private readonly long[] _sum;
    private readonly int[] _unknown;
    private readonly bool[] _violated;
    private readonly Queue<int> _queue = new();
    private readonly int[] _mark;
    private int _markStamp;

    private readonly List<Assignment> _solutions = [];
    private double _best = double.PositiveInfinity;

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
        _flexible = new bool[n];
        var printedPenalty = -Math.Log(printedErrorPrior);
        for (var i = 0; i < n; i++)
        {
            var c = cells[i];
            _candidateCost[i] = c.Candidates.Select(x => -Math.Log(x.Probability)).ToArray();
            _otherBase[i] = c.OtherProbability > 0 ? -Math.Log(c.OtherProbability) : double.PositiveInfinity;
            var confirmed = c.OtherProbability == 0;
            _printedCost[i] = c.HasCandidates && !confirmed ? _candidateCost[i][0] + printedPenalty : double.PositiveInfinity;
            _top[i] = c.HasCandidates ? c.Candidates[0].Scaled : long.MinValue;
            var options = new List<double>(_candidateCost[i]) { OtherLowerBound(i), _printedCost[i] };
            options.Sort();
            _lowerBound[i] = options[0];
            _gap[i] = options.Count > 1 ? options[1] - options[0] : double.PositiveInfinity;
            // A cell whose cheapest hypothesis is not its top reading has no default: the identities decide it.
            _flexible[i] = !c.HasCandidates || _candidateCost[i][0] > _lowerBound[i];
        }
        _baseCost = _lowerBound.Sum();

        var perCell = Enumerable.Range(0, n).Select(_ => new List<(int Identity, int Coef)>()).ToArray();
        for (var k = 0; k < identityCells.Length; k++)
        {
            for (var j = 0; j < identityCells[k].Length; j++)
            {
                perCell[identityCells[k][j]].Add((k, identityCoef[k][j]));
            }
        }
        _cellIdentities = perCell.Select(l => l.Select(x => x.Identity).ToArray()).ToArray();
        _cellIdentityCoef = perCell.Select(l => l.Select(x => x.Coef).ToArray()).ToArray();
        (_familyOf, _familyCount) = DisjointFamilies(identityCells);
        _minNeighbourGap = new double[n];
        for (var i = 0; i < n; i++)
        {
            var min = double.PositiveInfinity;
            foreach (var k in _cellIdentities[i])
            {
                foreach (var c in identityCells[k])
                {
                    if (c != i)
                    {
                        min = Math.Min(min, _gap[c]);
                    }
                }
            }
            _minNeighbourGap[i] = double.IsPositiveInfinity(min) ? 0 : min;
        }

        _option = new int[n];
        _deviated = new bool[n];
        _known = new bool[n];
        _value = new long[n];
        _reason = new int[n];
        _poisoned = new bool[n];
        _flexChoice = new int[n];
        _mark = new int[n];
        _sum = new long[identityCells.Length];
        _unknown = new int[identityCells.Length];
        _violated = new bool[identityCells.Length];
    }

    public long Nodes { get; private set; }

    /// <summary>A search limit was hit: the solutions are not all there is.</summary>
    public bool Incomplete { get; private set; }

    public IReadOnlyList<Assignment> Solutions => _solutions;

    public double BestCost => _best;

    /// <summary>Cells whose second-best option is within <paramref name="nats"/> of their best.</summary>
    public int CountAmbiguous(double nats) => _gap.Count(g => g < nats);

    /// <summary>Cost of the "other" hypothesis at a value; the dropped-digit values are the cheap ones.</summary>
    private double OtherCost(int cell, long value) => _otherBase[cell] - Math.Log(_cells[cell].OtherShare(value));

    private double OtherLowerBound(int cell) => _otherBase[cell] - Math.Log(CellCandidates.DroppedDigitShare);

    /// <summary>
    /// Identities grouped so that each group's members share no cell (greedy, smallest first: rows, then columns).
    /// A cell-disjoint group needs one distinct repair per broken member, so their gaps add up.
    /// </summary>
    private static (int[] FamilyOf, int Count) DisjointFamilies(int[][] identityCells)
    {
        var familyOf = Enumerable.Repeat(-1, identityCells.Length).ToArray();
        var count = 0;
        var order = Enumerable.Range(0, identityCells.Length).OrderBy(k => identityCells[k].Length).ToList();
        while (order.Count > 0)
        {
            var used = new HashSet<int>();
            foreach (var k in order.ToList())
            {
                if (identityCells[k].All(c => !used.Contains(c)))
                {
                    familyOf[k] = count;
                    used.UnionWith(identityCells[k]);
                    order.Remove(k);
                }
            }
            count++;
        }
        return (familyOf, count);
    }

    private sealed class Node(Deviation[] deviations, double key, bool evaluated)
    {
        public Deviation[] Deviations { get; } = deviations;
        public double Key { get; } = key;
        public bool Evaluated { get; } = evaluated;
    }

    private readonly record struct Deviation(int Cell, int Option);

    public void Run()
    {
        var open = new PriorityQueue<Node, double>();
        var seen = new HashSet<ulong>();
        open.Enqueue(new Node([], _baseCost, false), _baseCost);
        seen.Add(0);
        while (open.TryDequeue(out var node, out var key))
        {
            if (key > _best + _window)
            {
                break;
            }
            if (++Nodes > _maxNodes)
            {
                Incomplete = true;
                break;
            }
            var eval = Evaluate(node.Deviations);
            if (!eval.Feasible)
            {
                continue;
            }
            var f = eval.Cost + eval.Heuristic;
            if (!node.Evaluated && f > key + 1e-9)
            {
                // Lazy evaluation: the key was the parent's bound; requeue with the child's own.
                if (f <= _best + _window)
                {
                    open.Enqueue(new Node(node.Deviations, f, true), f);
                }
                continue;
            }

            if (eval.Goal)
            {
                if (_solutions.Count >= _maxSolutions)
                {
                    Incomplete = true;
                    break;
                }
                _solutions.Add(Record(eval.Cost));
                _best = Math.Min(_best, eval.Cost);
            }

            // Expand: by the cells that can repair the chosen broken identity, or by any cell of a solution.
            var limit = _best + _window;
            foreach (var cell in eval.Goal ? AllDeviable() : eval.BranchCells!)
            {
                // Moving a cell of a solution breaks its identities; when nothing else in them can absorb the change,
                // a second move among its neighbours is certain, at no less than their smallest gap.
                var bonus = eval.Goal && !HasAbsorber(cell) ? _minNeighbourGap[cell] : 0;
                var from = eval.Cost + bonus;
                var cands = _candidateCost[cell];
                for (var ci = 1; ci < cands.Length; ci++)
                {
                    TryPush(open, seen, node.Deviations, new Deviation(cell, ci), from + cands[ci] - _lowerBound[cell], limit);
                }
                TryPush(open, seen, node.Deviations, new Deviation(cell, OptionOther), from + OtherLowerBound(cell) - _lowerBound[cell], limit);
                TryPush(open, seen, node.Deviations, new Deviation(cell, OptionPrinted), from + _printedCost[cell] - _lowerBound[cell], limit);
            }
        }
        if (_solutions.Count > 0)
        {
            _solutions.RemoveAll(s => s.Cost > _best + _window);
        }
    }

    /// <summary>Whether an identity of the cell holds a flexible or free cell that could take up a change.</summary>
    private bool HasAbsorber(int cell)
    {
        foreach (var k in _cellIdentities[cell])
        {
            foreach (var c in _identityCells[k])
            {
                if (c != cell && (_flexible[c] || (_deviated[c] && _option[c] < 0)))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private IEnumerable<int> AllDeviable()
    {
        for (var c = 0; c < _cells.Length; c++)
        {
            if (!_deviated[c] && !_flexible[c])
            {
                yield return c;
            }
        }
    }

    private static ulong Zobrist(Deviation d)
    {
        // SplitMix64 of (cell, option): a fixed random key per deviation; a set's key is the XOR of its members'.
        var z = (ulong)((long)d.Cell * 1024 + d.Option + 512) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static void TryPush(PriorityQueue<Node, double> open, HashSet<ulong> seen, Deviation[] parent, Deviation d, double key, double limit)
    {
        if (double.IsPositiveInfinity(key) || double.IsNaN(key) || key > limit)
        {
            return;
        }
        ulong hash = Zobrist(d);
        foreach (var p in parent)
        {
            hash ^= Zobrist(p);
        }
        if (!seen.Add(hash))
        {
            return;
        }
        var next = new Deviation[parent.Length + 1];
        parent.CopyTo(next, 0);
        next[^1] = d;
        open.Enqueue(new Node(next, key, false), key);
    }

    private readonly record struct Evaluation(bool Feasible, bool Goal, double Cost, double Heuristic, List<int>? BranchCells);

    /// <summary>Propagates a deviation set through the identities: its cost, broken identities and repair cells.</summary>
    private Evaluation Evaluate(Deviation[] deviations)
    {
        var n = _cells.Length;
        var cost = _baseCost;
        Array.Fill(_deviated, false);
        for (var c = 0; c < n; c++)
        {
            _option[c] = 0;
            _reason[c] = -1;
            _poisoned[c] = false;
            _flexChoice[c] = int.MinValue;
            _known[c] = !_flexible[c];
            _value[c] = _flexible[c] ? 0 : _top[c];
        }
        foreach (var d in deviations)
        {
            var c = d.Cell;
            _deviated[c] = true;
            _option[c] = d.Option;
            if (d.Option >= 0)
            {
                _known[c] = true;
                _value[c] = _cells[c].Candidates[d.Option].Scaled;
                cost += _candidateCost[c][d.Option] - _lowerBound[c];
            }
            else
            {
                _known[c] = false;
                _value[c] = 0;
                cost += (d.Option == OptionOther ? OtherLowerBound(c) : _printedCost[c]) - _lowerBound[c];
            }
        }

        _queue.Clear();
        for (var k = 0; k < _identityCells.Length; k++)
        {
            long sum = 0;
            var unknown = 0;
            var cells = _identityCells[k];
            var coefs = _identityCoef[k];
            for (var x = 0; x < cells.Length; x++)
            {
                if (_known[cells[x]])
                {
                    sum += coefs[x] * _value[cells[x]];
                }
                else
                {
                    unknown++;
                }
            }
            _sum[k] = sum;
            _unknown[k] = unknown;
            _violated[k] = false;
            if (unknown == 1)
            {
                _queue.Enqueue(k);
            }
        }

        while (_queue.Count > 0)
        {
            var k = _queue.Dequeue();
            if (_unknown[k] != 1 || _violated[k])
            {
                continue;
            }
            var cells = _identityCells[k];
            var u = -1;
            var coef = 0;
            for (var x = 0; x < cells.Length; x++)
            {
                if (!_known[cells[x]] && !_poisoned[cells[x]])
                {
                    u = cells[x];
                    coef = _identityCoef[k][x];
                    break;
                }
            }
            if (u < 0)
            {
                continue;
            }
            var t = -_sum[k] * coef;
            var extra = Interpret(u, t);
            if (double.IsPositiveInfinity(extra))
            {
                _poisoned[u] = true;
                _violated[k] = true;
                _reason[u] = k;
                continue;
            }
            cost += extra;
            _known[u] = true;
            _value[u] = t;
            _reason[u] = k;
            var ids = _cellIdentities[u];
            var cfs = _cellIdentityCoef[u];
            for (var x = 0; x < ids.Length; x++)
            {
                _sum[ids[x]] += cfs[x] * t;
                if (--_unknown[ids[x]] == 1)
                {
                    _queue.Enqueue(ids[x]);
                }
            }
        }

        var goal = true;
        for (var k = 0; k < _identityCells.Length; k++)
        {
            if (_violated[k])
            {
                goal = false;
                continue;
            }
            if (_unknown[k] == 0)
            {
                if (_sum[k] != 0)
                {
                    _violated[k] = true;
                    goal = false;
                }
            }
            else if (!SignFeasible(k))
            {
                _violated[k] = true;
                goal = false;
            }
        }
        if (goal)
        {
            return new Evaluation(true, true, cost, 0, null);
        }

        // Branch on the broken identity with the fewest repair cells; bound by disjoint families.
        List<int>? branch = null;
        var perFamily = new double[_familyCount];
        for (var k = 0; k < _identityCells.Length; k++)
        {
            if (!_violated[k])
            {
                continue;
            }
            var repair = RepairCells(k, out var direct);
            if (repair.Count == 0)
            {
                return new Evaluation(false, false, cost, 0, null);
            }
            if (branch is null || repair.Count < branch.Count)
            {
                branch = repair;
            }
            if (direct)
            {
                var min = double.PositiveInfinity;
                foreach (var c in repair)
                {
                    min = Math.Min(min, _gap[c]);
                }
                perFamily[_familyOf[k]] += min;
            }
        }
        return new Evaluation(true, false, cost, perFamily.Max(), branch);
    }

    /// <summary>Extra cost of an unknown cell taking value <paramref name="t"/>; infinity when it cannot.</summary>
    private double Interpret(int u, long t)
    {
        var cell = _cells[u];
        if ((cell.IsIntegral && t % CellCandidates.Scale != 0) || (cell.IsNonNegative && t < 0))
        {
            return double.PositiveInfinity;
        }
        var index = cell.IndexOf(t);
        if (_deviated[u])
        {
            if (_option[u] == OptionOther)
            {
                return index >= 0 ? double.PositiveInfinity : OtherCost(u, t) - OtherLowerBound(u);
            }
            return t == _top[u] ? double.PositiveInfinity : 0;
        }
        // A flexible cell: the cheapest reading of the value the identity gives it.
        var best = double.PositiveInfinity;
        var choice = int.MinValue;
        if (index >= 0)
        {
            best = _candidateCost[u][index];
            choice = index;
        }
        else if (!double.IsPositiveInfinity(_otherBase[u]) && OtherCost(u, t) < best)
        {
            best = OtherCost(u, t);
            choice = OptionOther;
        }
        if (cell.HasCandidates && t != _top[u] && _printedCost[u] < best)
        {
            best = _printedCost[u];
            choice = OptionPrinted;
        }
        _flexChoice[u] = choice;
        return best - _lowerBound[u];
    }

    /// <summary>An identity whose remaining unknowns sit on one side cannot be met if the rest already exceeds it.</summary>
    private bool SignFeasible(int k)
    {
        var cells = _identityCells[k];
        var coefs = _identityCoef[k];
        var sign = 0;
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
        return !(oneSided && allNonNegative && sign != 0 && -_sum[k] * sign < 0);
    }

    /// <summary>
    /// The cells whose deviation can change identity <paramref name="k"/>: its own defaulted cells, and those of the
    /// identities that determined its unknowns. <paramref name="direct"/>: no determined cell was involved.
    /// </summary>
    private List<int> RepairCells(int k, out bool direct)
    {
        var result = new List<int>();
        direct = true;
        _markStamp++;
        var pending = new Stack<int>();
        pending.Push(k);
        var visitedIdentities = new HashSet<int> { k };
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            foreach (var c in _identityCells[id])
            {
                if (_mark[c] == _markStamp)
                {
                    continue;
                }
                _mark[c] = _markStamp;
                if (!_deviated[c] && !_flexible[c])
                {
                    result.Add(c);
                }
                else if (_reason[c] >= 0 && _reason[c] != id)
                {
                    direct = false;
                    if (visitedIdentities.Add(_reason[c]))
                    {
                        pending.Push(_reason[c]);
                    }
                }
                else if (!_known[c])
                {
                    direct = false;
                }
            }
        }
        return result;
    }

    private Assignment Record(double cost)
    {
        var changes = new List<CellChoice>();
        for (var c = 0; c < _cells.Length; c++)
        {
            if (_deviated[c])
            {
                var hyp = _option[c] >= 0 ? Hypothesis.Candidate : _option[c] == OptionOther ? Hypothesis.Other : Hypothesis.Printed;
                changes.Add(new CellChoice(c, hyp, _option[c], _known[c] ? _value[c] : 0, _known[c]));
            }
            else if (_flexible[c])
            {
                if (!_known[c])
                {
                    changes.Add(new CellChoice(c, Hypothesis.Other, -1, 0, false));
                }
                else if (_flexChoice[c] >= 0)
                {
                    if (_flexChoice[c] != 0)
                    {
                        changes.Add(new CellChoice(c, Hypothesis.Candidate, _flexChoice[c], _value[c], true));
                    }
                }
                else
                {
                    var hyp = _flexChoice[c] == OptionOther ? Hypothesis.Other : Hypothesis.Printed;
                    changes.Add(new CellChoice(c, hyp, -1, _value[c], true));
                }
            }
        }
        return new Assignment(cost, [.. changes]);
    }
}
