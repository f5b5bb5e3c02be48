namespace TableRecovery.Core.Reconciliation;

/// <summary>How a cell departs from its starting point in a <see cref="RepairSearch"/> assignment.</summary>
internal enum RepairMove : byte
{
    /// <summary>As it starts: its top reading (a cell with no reading: a value the identities pin).</summary>
    Base,
    /// <summary>Another of its candidate values.</summary>
    Candidate,
    /// <summary>A value no reading shows, which the identities pin.</summary>
    Other,
    /// <summary>A misprint: the printed value is the top reading, the identities pin the consistent one.</summary>
    Printed,
}

/// <summary>An assignment found by <see cref="RepairSearch"/>; a value is null when no identity pins it.</summary>
/// <param name="Best">Known to be the cheapest; otherwise the first found when the search for the cheapest ran out of nodes.</param>
internal sealed record RepairAssignment(double Cost, RepairMove[] Moves, long?[] Values, bool Best = true);

/// <summary>
/// The most probable assignment of a table the exact search could not finish, found by searching only what the
/// identities ask: every cell starts at its top reading, and while an identity does not add up (or pins a value a cell
/// cannot hold) one of its cells must move: to another candidate, to a value no reading shows, or to a misprint.
/// Moves no identity asks for only add cost, so with dozens of weak cells that each may stay as read it branches on the
/// few sums that break, not on every weak cell.
/// </summary>
/// <remarks>
/// The exact search enumerates every assignment within a window of the best to read off posteriors, which multiplies
/// out when many weak cells are each free to take another value. Here a cell kept at its reading is vouched for by a
/// margin instead: starting from the best assignment, the cheapest change of values that gives the cell another value
/// and keeps every identity (<see cref="HasAlternativeWithin"/>). A best assignment that is not the very best only
/// vouches for less: a cheaper one that moves a cell is itself such a change. Both searches are depth-first branch and
/// bound with a node limit; past it they answer "unknown", which the caller takes as "not vouched".
/// </remarks>
internal sealed class RepairSearch
{
    /// <summary>
    /// The least a move away from the top reading costs: a weak reading whose rivals score as much would otherwise move
    /// for free, and the search would wander a plateau of equally good assignments no identity asks for.
    /// </summary>
    private const double MinMoveNats = 1.0;

    /// <summary>How far each round of the deepening raises the cap, and how far above the readings it gives up.</summary>
    private const double CapStep = 2.0, MaxCostNats = 400;

    private readonly CellCandidates[] _cells;
    private readonly int[][] _identityCells;
    private readonly int[][] _identityCoef;
    private readonly int[][] _cellIdentities;
    private readonly int[][] _cellIdentityCoef;
    private readonly int[][] _families;
    private readonly double[][] _candidateCost;
    private readonly double[] _otherLow;
    private readonly double[] _printedCost;

    // Where a search starts: the top readings, or the best assignment when a margin is measured.
    private readonly bool[] _originKnown;
    private readonly long[] _originValue;
    private readonly double[] _originCost;
    private readonly double[] _minMove;
    private RepairAssignment? _originIs;
    private double _originTotal;

    private readonly RepairMove[] _move;
    private readonly long[] _value;
    private readonly bool[] _known;
    private readonly bool[] _locked;
    private readonly long[] _sum;
    private readonly int[] _unknown;
    private readonly int[] _pinnedBy;

    // Scratch of a node, reused: a node allocating its lists and sets spent most of the search's time (hard scans run
    // hundreds of thousands of nodes, with a score of broken sums each).
    private readonly int[] _pinned;
    private int _pinnedCount;
    private readonly int[] _cellSeen;
    private readonly int[] _identitySeen;
    private readonly int[] _identityQueue;
    private int _seenStamp;
    private double _cost;
    private double _cap;
    private bool _stopAtFirst;
    private int _forced = -1;
    private long _forcedAway;
    private long _nodes;
    private long _maxNodes;
    private RepairAssignment? _best;

    public RepairSearch(CellCandidates[] cells, int[][] identityCells, int[][] identityCoef, double printedErrorPrior)
    {
        _cells = cells;
        _identityCells = identityCells;
        _identityCoef = identityCoef;
        var n = cells.Length;
        _candidateCost = new double[n][];
        _otherLow = new double[n];
        _printedCost = new double[n];
        var printedPenalty = -Math.Log(printedErrorPrior);
        for (var i = 0; i < n; i++)
        {
            var c = cells[i];
            _candidateCost[i] = c.CandidateNats();
            _otherLow[i] = c.OtherProbability > 0 ? -Math.Log(c.OtherProbability) - Math.Log(CellCandidates.DroppedDigitShare) : double.PositiveInfinity;
            _printedCost[i] = c.MisprintNats(printedPenalty);
            if (!c.HasCandidates) continue;
            var top = _candidateCost[i][0];
            _otherLow[i] = Math.Max(_otherLow[i], top + MinMoveNats);
            for (var ci = 1; ci < _candidateCost[i].Length; ci++)
            {
                _candidateCost[i][ci] = Math.Max(_candidateCost[i][ci], top + MinMoveNats);
            }
        }
        (_cellIdentities, _cellIdentityCoef) = AssignmentSearch.ByCell(n, identityCells, identityCoef);
        _families = AssignmentSearch.DisjointFamilies(identityCells);
        _originKnown = new bool[n];
        _originValue = new long[n];
        _originCost = new double[n];
        _minMove = new double[n];
        _move = new RepairMove[n];
        _value = new long[n];
        _known = new bool[n];
        _locked = new bool[n];
        _sum = new long[identityCells.Length];
        _unknown = new int[identityCells.Length];
        _pinnedBy = new int[n];
        _pinned = new int[n];
        _cellSeen = new int[n];
        _identitySeen = new int[identityCells.Length];
        _identityQueue = new int[identityCells.Length];
    }

    /// <summary>For each cell, the identities it is in.</summary>
    public IReadOnlyList<int[]> CellIdentities => _cellIdentities;

    /// <summary>Whether a search ran past its node limit: its answer is then unknown.</summary>
    public bool Aborted { get; private set; }

    /// <summary>The cheapest assignment under which every identity holds, or null (none found within <paramref name="maxNodes"/> a pass).</summary>
    public RepairAssignment? Best(long maxNodes)
    {
        _maxNodes = maxNodes;
        _originIs = null;
        for (var i = 0; i < _cells.Length; i++)
        {
            var read = _cells[i].HasCandidates;
            SetOrigin(i, read, read ? _cells[i].Candidates[0].Scaled : 0, read ? _candidateCost[i][0] : _otherLow[i]);
        }
        // Deepening on the cost cap: without a first assignment to bound it, depth first wanders down long chains of
        // repairs that each break the next sum. Under a cap every chain ends; the first cap that holds an assignment
        // holds the best one, as the round searches all of it.
        Reset();
        _stopAtFirst = false;
        _forced = -1;
        var nodes = 0L;
        for (_cap = _cost + LowerBound() + CapStep; _cap < _cost + MaxCostNats; _cap += CapStep)
        {
            Reset();
            _nodes = nodes;
            Dfs();
            nodes = _nodes;
            if (Aborted || _best is not null) break;
        }
        if (Aborted)
        {
            // Too many assignments near the readings to deepen through: the first one found, then every cheaper one
            // the node limit allows, the best of them known best only if that search ran to its end. One not known
            // best only vouches for less (a cheaper assignment that moves a cell is an alternative its margin finds).
            Reset();
            _cap = _cost + MaxCostNats;
            _stopAtFirst = true;
            Dfs();
            if (_best is not { } first) return null;
            Reset();
            _best = first;
            _cap = first.Cost;
            _stopAtFirst = false;
            Dfs();
            var finished = !Aborted;
            Aborted = false;
            _best = _best with { Best = finished };
        }
        return Aborted ? null : _best;
    }

    /// <summary>
    /// Whether some assignment costing at most <paramref name="margin"/> more than <paramref name="best"/> gives
    /// <paramref name="cell"/> another value than it has there; true as well when the node limit cut the search short.
    /// The search starts from the best assignment, where every identity holds, and looks for the cheapest set of changes
    /// through the cell that keeps them holding; a change may undo one of the best assignment's moves (the sum blamed on
    /// this cell instead of that one), which then saves its cost.
    /// </summary>
    public bool HasAlternativeWithin(int cell, RepairAssignment best, double margin, long maxNodes) =>
        HasAlternativeWithin(cell, best, margin, maxNodes, out _);

    /// <inheritdoc cref="HasAlternativeWithin(int, RepairAssignment, double, long)"/>
    /// <param name="found">The alternative found, if one was (not when the node limit cut the search short).</param>
    public bool HasAlternativeWithin(int cell, RepairAssignment best, double margin, long maxNodes, out RepairAssignment? found)
    {
        found = null;
        _maxNodes = maxNodes;
        if (!ReferenceEquals(_originIs, best))
        {
            // Every cell's margin starts from the same assignment: its costs are set once.
            _originTotal = 0;
            for (var i = 0; i < _cells.Length; i++)
            {
                var cost = CostOf(i, best.Moves[i], best.Values[i]);
                SetOrigin(i, best.Values[i] is not null, best.Values[i] ?? 0, cost);
                _originTotal += cost;
            }
            _originIs = best;
        }
        if (best.Values[cell] is not long current) return true;
        Reset();
        _cap = _originTotal + margin;
        _stopAtFirst = true;
        _forced = cell;
        _forcedAway = current;
        _locked[cell] = true;
        for (var ci = 0; ci < _candidateCost[cell].Length && !Done; ci++)
        {
            if (_cells[cell].Candidates[ci].Scaled != current) MoveTo(cell, RepairMove.Candidate, _cells[cell].Candidates[ci].Scaled, _candidateCost[cell][ci]);
        }
        if (!Done) MoveToUnknown(cell, RepairMove.Other, _otherLow[cell]);
        if (!Done) MoveToUnknown(cell, RepairMove.Printed, _printedCost[cell]);
        _forced = -1;
        found = _best;
        return Aborted || _best is not null;
    }

    /// <summary>What a cell's value costs in an assignment: its candidate, an unseen value by its share, a misprint.</summary>
    private double CostOf(int c, RepairMove move, long? value)
    {
        if (move == RepairMove.Printed) return _printedCost[c];
        if (value is not long v) return _otherLow[c];
        var ci = _cells[c].IndexOf(v);
        return ci >= 0 ? _candidateCost[c][ci] : _otherLow[c] + ShareCost(c, v);
    }

    private double ShareCost(int c, long value) => -Math.Log(_cells[c].OtherShare(value) / CellCandidates.DroppedDigitShare);

    private void SetOrigin(int c, bool known, long value, double cost)
    {
        _originKnown[c] = known;
        _originValue[c] = value;
        _originCost[c] = cost;
        // The cheapest move away from the start, which may save cost when it undoes a move of the best assignment.
        var cheapest = Math.Min(_otherLow[c], _printedCost[c]);
        for (var ci = 0; ci < _candidateCost[c].Length; ci++)
        {
            if (!known || _cells[c].Candidates[ci].Scaled != value) cheapest = Math.Min(cheapest, _candidateCost[c][ci]);
        }
        _minMove[c] = cheapest - cost;
    }

    private void Reset()
    {
        _best = null;
        Aborted = false;
        _nodes = 0;
        _cost = 0;
        _pinnedCount = 0;
        Array.Clear(_sum);
        Array.Clear(_unknown);
        Array.Fill(_locked, false);
        for (var i = 0; i < _cells.Length; i++)
        {
            _move[i] = RepairMove.Base;
            _known[i] = _originKnown[i];
            _value[i] = _originValue[i];
            _cost += _originCost[i];
        }
        for (var k = 0; k < _identityCells.Length; k++)
        {
            for (var x = 0; x < _identityCells[k].Length; x++)
            {
                var c = _identityCells[k][x];
                if (_known[c]) _sum[k] += _identityCoef[k][x] * _value[c];
                else _unknown[k]++;
            }
        }
    }

    private double Threshold => _stopAtFirst ? _cap : Math.Min(_cap, _best?.Cost ?? double.PositiveInfinity);

    private bool Done => Aborted || _stopAtFirst && _best is not null;

    private void Dfs()
    {
        if (Done) return;
        if (++_nodes > _maxNodes)
        {
            Aborted = true;
            return;
        }
        // Every value the sums pin is pinned first, so the bound sees the clashes they lead to; the pins are undone
        // before a cell moves, as a move changes what they pin.
        var pinned = _pinnedCount;
        var extra = 0.0;
        var problem = PinUnknowns(ref extra);
        var bound = LowerBound();
        if (_cost + bound > Threshold + 1e-9 || !_stopAtFirst && _best is not null && _cost + bound >= _best.Cost - 1e-9)
        {
            Unpin(pinned);
            return;
        }
        if (problem is null)
        {
            if (_forced >= 0 && !OpenValuesExist())
            {
                Unpin(pinned);
                return;
            }
            var total = _cost + extra;
            if (total <= Threshold + 1e-9 && (_best is null || total < _best.Cost))
            {
                _best = new RepairAssignment(total, [.. _move], Enumerable.Range(0, _cells.Length).Select(i => _known[i] ? _value[i] : (long?)null).ToArray());
            }
            Unpin(pinned);
            return;
        }
        Unpin(pinned);
        Branch(problem);
    }

    /// <summary>Some cell of <paramref name="cells"/> must move: each in turn, the ones tried before it staying as they are.</summary>
    private void Branch(List<int> cells)
    {
        cells.Sort((a, b) => _minMove[a].CompareTo(_minMove[b]));
        foreach (var c in cells)
        {
            if (Done) break;
            // Moved now, and left where it starts in the branches after it: each assignment is reached once.
            _locked[c] = true;
            for (var ci = 0; ci < _candidateCost[c].Length && !Done; ci++)
            {
                var value = _cells[c].Candidates[ci].Scaled;
                // A value that mends none of the cell's sums only passes the break on; the one that does is among its
                // candidates, or an unseen value the sum pins.
                if (value != _value[c] && MendsAnIdentity(c, value)) MoveTo(c, RepairMove.Candidate, value, _candidateCost[c][ci]);
            }
            if (!Done) MoveToUnknown(c, RepairMove.Other, _otherLow[c]);
            if (!Done) MoveToUnknown(c, RepairMove.Printed, _printedCost[c]);
        }
        foreach (var c in cells)
        {
            _locked[c] = false;
        }
    }

    private bool MendsAnIdentity(int c, long value)
    {
        var ids = _cellIdentities[c];
        for (var x = 0; x < ids.Length; x++)
        {
            var k = ids[x];
            var after = _sum[k] + _cellIdentityCoef[c][x] * (value - _value[c]);
            if (_unknown[k] == 0 && _sum[k] != 0 && after == 0) return true;
            if (_unknown[k] == 1 && NeedsMove(k))
            {
                var (u, coef) = TheUnknownOf(k);
                if (CanHold(u, -after * coef)) return true;
            }
        }
        return false;
    }

    private void MoveTo(int c, RepairMove move, long value, double optionCost)
    {
        var delta = optionCost - _originCost[c];
        if (double.IsPositiveInfinity(optionCost) || _cost + delta > Threshold + 1e-9) return;
        var old = _value[c];
        Shift(c, value - old);
        _value[c] = value;
        _move[c] = move;
        _cost += delta;
        Dfs();
        _cost -= delta;
        _move[c] = RepairMove.Base;
        _value[c] = old;
        Shift(c, old - value);
    }

    private void MoveToUnknown(int c, RepairMove move, double optionCost)
    {
        var delta = optionCost - _originCost[c];
        if (double.IsPositiveInfinity(optionCost) || _cost + delta > Threshold + 1e-9) return;
        SetUnknown(c);
        _move[c] = move;
        _cost += delta;
        Dfs();
        _cost -= delta;
        _move[c] = RepairMove.Base;
        SetKnown(c, _originValue[c]);
    }

    private void Shift(int c, long delta)
    {
        var ids = _cellIdentities[c];
        for (var x = 0; x < ids.Length; x++) _sum[ids[x]] += _cellIdentityCoef[c][x] * delta;
    }

    private void SetUnknown(int c)
    {
        Shift(c, -_value[c]);
        _known[c] = false;
        foreach (var k in _cellIdentities[c]) _unknown[k]++;
    }

    private void SetKnown(int c, long value)
    {
        _value[c] = value;
        _known[c] = true;
        Shift(c, value);
        foreach (var k in _cellIdentities[c]) _unknown[k]--;
    }

    /// <summary>A cell whose value a sum pinned in this node (open at the start, or moved to an unseen value or a misprint).</summary>
    private bool IsPinned(int c) => _known[c] && (!_originKnown[c] || _move[c] is RepairMove.Other or RepairMove.Printed);

    /// <summary>
    /// Pins every open value a sum determines, charging what the value costs beyond the cheapest share already paid.
    /// Returns the cells one of which must move when a sum breaks, pins a value a cell cannot hold, or can no longer
    /// close; null when every sum holds or stays open.
    /// </summary>
    private List<int>? PinUnknowns(ref double extra)
    {
        for (var progress = true; progress;)
        {
            progress = false;
            for (var k = 0; k < _identityCells.Length; k++)
            {
                if (_unknown[k] != 1) continue;
                var (u, coef) = TheUnknownOf(k);
                var value = -_sum[k] * coef;
                if (!CanHold(u, value)) continue;
                extra += _move[u] == RepairMove.Printed ? 0 : CostOf(u, RepairMove.Other, value) - _otherLow[u];
                SetKnown(u, value);
                _pinnedBy[u] = k;
                _pinned[_pinnedCount++] = u;
                progress = true;
            }
        }
        int problem = -1, fewest = 0;
        for (var k = 0; k < _identityCells.Length; k++)
        {
            if (_unknown[k] == 0 && _sum[k] != 0 || _unknown[k] == 1 || _unknown[k] >= 2 && !CanStillClose(k))
            {
                var count = ProblemSize(k);
                if (problem < 0 || count < fewest) (problem, fewest) = (k, count);
            }
        }
        return problem < 0 ? null : ProblemAt(problem);
    }

    /// <summary>
    /// Whether the values every sum leaves open can be given at all. A sum the known cells close exactly makes each of its
    /// non-negative open cells on one side 0, and that 0 may close another sum, pin its last open cell, or leave the cell
    /// whose margin is measured where it was: a ring of open cells over two rows and two columns (+v, −v, −v, +v about a
    /// part and its total) passes every sum alone and no non-negative values make it. Checked at a leaf only, on a copy of
    /// the pins that is undone: pinned during the search, those zeros would widen every problem to the sums that pinned them.
    /// Only a margin needs it, as an impossible rival there vouches for too little; in the search for the best assignment,
    /// where an open value only leaves its cell for review, the check left bench150's dumps 49 more cells for review.
    /// </summary>
    private bool OpenValuesExist()
    {
        var mark = _pinnedCount;
        var possible = true;
        for (var progress = true; progress && possible;)
        {
            progress = false;
            for (var k = 0; k < _identityCells.Length && possible; k++)
            {
                if (_unknown[k] == 0)
                {
                    possible = _sum[k] == 0;
                    continue;
                }
                if (_unknown[k] == 1)
                {
                    var (u, coef) = TheUnknownOf(k);
                    possible = CanHold(u, -_sum[k] * coef);
                    if (!possible) break;
                    SetKnown(u, -_sum[k] * coef);
                    _pinned[_pinnedCount++] = u;
                    progress = true;
                    continue;
                }
                if (OneSidedSign(k) is not { } sign) continue;
                if (-_sum[k] * sign < 0)
                {
                    possible = false;
                }
                else if (_sum[k] == 0)
                {
                    possible = EachCanBeZero(k);
                    if (!possible) break;
                    foreach (var c in _identityCells[k])
                    {
                        if (_known[c]) continue;
                        SetKnown(c, 0);
                        _pinned[_pinnedCount++] = c;
                    }
                    progress = true;
                }
            }
        }
        Unpin(mark);
        return possible;
    }

    /// <summary>Undoes the pins made since the stack of pinned cells held <paramref name="mark"/> of them, last first.</summary>
    private void Unpin(int mark)
    {
        while (_pinnedCount > mark)
        {
            SetUnknown(_pinned[--_pinnedCount]);
        }
    }

    /// <summary>How many cells <see cref="ProblemAt"/> returns for <paramref name="k"/>, counted without building the list.</summary>
    private int ProblemSize(int k)
    {
        var count = 0;
        var stamp = ++_seenStamp;
        foreach (var c in _identityCells[k])
        {
            if (IsMovable(c) && _cellSeen[c] != stamp)
            {
                _cellSeen[c] = stamp;
                count++;
            }
        }
        if (!_stopAtFirst && count > 0) return count;
        _identitySeen[k] = stamp;
        int head = 0, tail = 0;
        _identityQueue[tail++] = k;
        while (head < tail)
        {
            foreach (var c in _identityCells[_identityQueue[head++]])
            {
                if (!IsPinned(c) || _identitySeen[_pinnedBy[c]] == stamp) continue;
                var by = _pinnedBy[c];
                _identitySeen[by] = stamp;
                foreach (var m in _identityCells[by])
                {
                    if (IsMovable(m) && _cellSeen[m] != stamp)
                    {
                        _cellSeen[m] = stamp;
                        count++;
                    }
                }
                _identityQueue[tail++] = by;
            }
        }
        return count;
    }

    /// <summary>
    /// The cells whose move can mend identity <paramref name="k"/>: its own, and those of every identity that pinned one
    /// of its values, and so on up the chain. The best assignment is searched on the identity's own cells alone when they
    /// are fewer (a quicker search that may miss a cheaper assignment, which only vouches for less); a margin is searched
    /// on them all, as an alternative missed would vouch for a cell wrongly.
    /// </summary>
    private List<int> ProblemAt(int k)
    {
        var own = Movable(k);
        if (!_stopAtFirst && own.Count > 0) return own;
        var cells = new HashSet<int>(own);
        var seen = new HashSet<int> { k };
        var queue = new Queue<int>([k]);
        while (queue.TryDequeue(out var identity))
        {
            foreach (var c in _identityCells[identity])
            {
                if (IsPinned(c) && seen.Add(_pinnedBy[c]))
                {
                    cells.UnionWith(Movable(_pinnedBy[c]));
                    queue.Enqueue(_pinnedBy[c]);
                }
            }
        }
        return [.. cells];
    }

    private (int Cell, int Coef) TheUnknownOf(int k)
    {
        for (var x = 0; x < _identityCells[k].Length; x++)
        {
            if (!_known[_identityCells[k][x]]) return (_identityCells[k][x], _identityCoef[k][x]);
        }
        throw new InvalidOperationException("No unknown cell.");
    }

    private bool CanHold(int c, long value)
    {
        var cand = _cells[c];
        if (!cand.CanHold(value)) return false;
        // A misprint consistent with its own reading is no misprint; the cell whose margin is measured must change.
        if (_move[c] == RepairMove.Printed && cand.HasCandidates && value == cand.Candidates[0].Scaled) return false;
        return !(c == _forced && value == _forcedAway);
    }

    /// <summary>
    /// Non-negative unknowns all on one side cannot close an identity whose known side already exceeds it, nor one the known
    /// side closes exactly if one of them cannot be 0: the cell whose margin is measured, moved from its 0. Left open, such a
    /// sum let a ring of blanks over two rows and two columns (+v, −v, −v, +v) pass for an alternative to each of them that
    /// no non-negative values make, and a hard scan's weak blanks, every sum of theirs holding, all went to review.
    /// </summary>
    private bool CanStillClose(int k)
    {
        if (OneSidedSign(k) is not { } sign) return true;
        return -_sum[k] * sign > 0 || _sum[k] == 0 && EachCanBeZero(k);
    }

    /// <summary>The side (+1 or −1) every unknown of the identity stands on when they are all non-negative; null otherwise.</summary>
    private int? OneSidedSign(int k)
    {
        var sign = 0;
        for (var x = 0; x < _identityCells[k].Length; x++)
        {
            var c = _identityCells[k][x];
            if (_known[c]) continue;
            if (!_cells[c].IsNonNegative) return null;
            if (sign == 0) sign = _identityCoef[k][x];
            else if (sign != _identityCoef[k][x]) return null;
        }
        return sign == 0 ? null : sign;
    }

    private bool EachCanBeZero(int k)
    {
        foreach (var c in _identityCells[k])
        {
            if (!_known[c] && !CanHold(c, 0)) return false;
        }
        return true;
    }

    private bool IsMovable(int c) => _known[c] && _originKnown[c] && !_locked[c] && _move[c] == RepairMove.Base;

    private List<int> Movable(int k)
    {
        var cells = new List<int>();
        foreach (var c in _identityCells[k])
        {
            if (IsMovable(c)) cells.Add(c);
        }
        return cells;
    }

    private bool NeedsMove(int k)
    {
        if (_unknown[k] == 0) return _sum[k] != 0;
        if (_unknown[k] != 1) return false;
        var (u, coef) = TheUnknownOf(k);
        return !CanHold(u, -_sum[k] * coef);
    }

    /// <summary>
    /// Within a family of disjoint identities each one that needs a move pays for its own: one move that mends it alone,
    /// or two at least. A sum holding a pinned value may be mended through the sum that pinned it: nothing is charged
    /// there. Moves that undo one of the best assignment's moves save cost, anywhere the search may yet go: the bound
    /// counts every move at no less than nothing and takes every such saving off.
    /// </summary>
    private double LowerBound()
    {
        var savings = 0.0;
        for (var c = 0; c < _cells.Length; c++)
        {
            if (_minMove[c] < 0 && IsMovable(c)) savings += _minMove[c];
        }
        var best = 0.0;
        foreach (var family in _families)
        {
            var sum = 0.0;
            foreach (var k in family)
            {
                if (NeedsMove(k) && !AnyPinned(k)) sum += CheapestFix(k);
            }
            best = Math.Max(best, sum);
        }
        return best + savings;
    }

    private bool AnyPinned(int k)
    {
        foreach (var c in _identityCells[k])
        {
            if (IsPinned(c)) return true;
        }
        return false;
    }

    private double CheapestFix(int k)
    {
        double first = double.PositiveInfinity, second = double.PositiveInfinity, alone = double.PositiveInfinity;
        var closing = _unknown[k] == 0;
        for (var x = 0; x < _identityCells[k].Length; x++)
        {
            var c = _identityCells[k][x];
            if (!IsMovable(c)) continue;
            var m = Math.Max(0, _minMove[c]);
            if (m < first) (first, second) = (m, first);
            else if (m < second) second = m;
            if (!closing) continue;
            var needed = _value[c] - _sum[k] * _identityCoef[k][x];
            var ci = _cells[c].IndexOf(needed);
            var cost = ci >= 0 ? _candidateCost[c][ci] : CanHold(c, needed) ? Math.Min(_otherLow[c], _printedCost[c]) : _printedCost[c];
            alone = Math.Min(alone, Math.Max(0, cost - _originCost[c]));
        }
        return closing ? Math.Min(alone, first + second) : first;
    }
}
