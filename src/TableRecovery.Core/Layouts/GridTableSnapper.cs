using System.Globalization;

namespace TableRecovery.Core.Layouts;

/// <summary>
/// Snaps a read table onto a single-block layout (requests-*, appeals): layout rows onto body rows by row label,
/// layout columns onto data columns by header text, both by order-preserving alignment, so a missing or extra
/// rule shifts nothing beyond itself.
/// </summary>
internal static class GridTableSnapper
{
    public const double Threshold = 0.5;
    private const double OwnLabelWeight = 0.8;
    private const double LeafWeight = 0.75;
    private const double DataTieBreak = 0.01;

    /// <param name="columnsBefore">
    /// The columns of the part before, when this part continues it on as many lattice columns (a table cut over pages): a
    /// part without a header takes them at the same lattice columns.
    /// </param>
    public static LayoutFit Snap(GridTableAnalysis table, TableLayout layout, IReadOnlyList<ColumnMatch>? columnsBefore = null)
    {
        var grid = table.Grid;
        var notes = new List<string>();
        var block = layout.Blocks[0];

        // ---- rows
        var expectedRows = layout.Rows.Select(r => (Label: LabelNormalizer.Normalize(r.Label), Groups: GroupParts(r.Group))).ToList();
        List<AlignedPair> rowPairs;
        double rowF, rowP, rowR;
        var usableRows = table.BodyRows.Count(r => !grid.IsThinRow(r));
        if (layout.Rows.Count == 1)
        {
            (rowPairs, rowF) = SingleDataRow(table, notes);
            rowP = rowR = rowF;
        }
        else
        {
            var expected = expectedRows;
            var labels = expected.Select(e => e.Label).ToList();
            double Sim(int i, int j)
            {
                var single = RowSimilarity(table.RowLabels[i], expected[j].Label, expected[j].Groups);
                // A label cell over several body rows (a rule missed in the label columns only) holds their labels in order.
                var run = RunSimilarity(table.RowLabels[i].Own, table.OwnLabelRuns[i], j, labels);
                return Math.Max(single, RowSimilarity(run, table.RowLabels[i].Groups, expected[j].Groups));
            }
            double SimPair(int i, int j) => table.OwnLabelRuns[i].Length > 1 ? 0
                : LabelSimilarity.ScoreRunNormalized(table.RowLabels[i].Own, [expected[j].Label, expected[j + 1].Label]);
            // A row standing for two layout rows (a missed rule) only when there are fewer rows than the layout has.
            var anchors = MonotoneAligner.Align(table.BodyRows.Count, expected.Count, Sim, Threshold, usableRows < expected.Count ? SimPair : null);
            rowPairs = MonotoneAligner.FillGaps(anchors, table.BodyRows.Count, expected.Count,
                (i, _) => !grid.IsThinRow(table.BodyRows[i]));
            // A label cell over a run of rows whose text holds one label more than the run has rows places none of them
            // (see RunSimilarity), yet it is this layout's text, and a layout with no such label there has no reason to read
            // it so: for the fit, the run is explained by those labels, though placed nowhere.
            var fitPairs = rowPairs.Concat(RunsHoldingOneLabelMore(table, rowPairs, labels)).OrderBy(p => p.Observed).ToList();
            (rowF, rowP, rowR) = FitMeasure.Of(fitPairs, usableRows, FitMeasure.Span(fitPairs));
        }

        // ---- columns
        List<AlignedPair> columnPairs;
        var columnsAtTheirPlace = false;
        var headerlessWithTheLayoutsColumns = false;
        var columns = block.Columns;
        var usableColumns = Enumerable.Range(0, table.DataColumns.Count).Count(i => table.ColumnHeaders[i].Leaf.Length > 0 || table.ColumnHasData[i]);
        if (table.DataColumns.Count == 0)
        {
            columnPairs = [];
            notes.Add("no data area: no column holds numbers in most body rows");
        }
        else if (!table.HasHeaderText)
        {
            var asBefore = columnsBefore is null ? null : ColumnsAsBefore(table, columns, columnsBefore, notes);
            columnPairs = asBefore ?? ColumnsByPosition(table, columns.Count, notes);
            headerlessWithTheLayoutsColumns = asBefore is not null || table.DataColumns.Count == columns.Count && columnPairs.Count == columns.Count;
            if (asBefore is not null) usableColumns = columnPairs.Count;
            // A headerless part printing zeros as blanks (the rest of a requests table of an agency that had none of
            // those cases, on the next page) has no column with a header or a number: the columns placed are its columns.
            if (usableColumns == 0) usableColumns = columnPairs.Count;
        }
        else
        {
            var expected = columns.Select(c => (Label: LabelNormalizer.Normalize(c.Label), Groups: GroupParts(c.Group))).ToList();
            var labels = expected.Select(e => e.Label).ToList();
            double Sim(int i, int k)
            {
                var single = ColumnSimilarity(table, i, LabelSimilarity.ScoreNormalized(table.ColumnHeaders[i].Leaf, expected[k].Label), expected[k].Groups);
                // A header cell over several data columns holding their labels in order (a rule missed in the header only).
                var run = RunSimilarity(table.ColumnHeaders[i].Leaf, table.HeaderRuns[i], k, labels);
                return Math.Max(single, ColumnSimilarity(table, i, run, expected[k].Groups));
            }
            // A column standing for two layout columns (a missed rule) has a header cell of its own holding both labels, or,
            // under a header shared with other columns, two numbers side by side in its cells (see TwoNumbersSideBySide).
            double SimPair(int i, int k) => table.HeaderRuns[i].Length > 1
                ? TwoNumbersSideBySide(table, i) ? Math.Min(1, Math.Min(Sim(i, k), Sim(i, k + 1)) + DataTieBreak) : 0
                : LabelSimilarity.ScoreRunNormalized(table.ColumnHeaders[i].Leaf, [expected[k].Label, expected[k + 1].Label]);
            if (ColumnsInPlace(table, expected.Count, Sim, notes) is { } inPlace)
            {
                columnPairs = inPlace;
                var confirmed = inPlace.Count(p => p.Basis == MatchBasis.Label);
                columnsAtTheirPlace = confirmed * 2 >= expected.Count || CheckedBySums(layout) && confirmed >= 1;
            }
            else
            {
                var anchors = MonotoneAligner.Align(table.DataColumns.Count, expected.Count, Sim, Threshold, usableColumns < expected.Count ? SimPair : null);
                columnPairs = anchors.Count == 0
                    ? ColumnsByPosition(table, columns.Count, notes) // header text read, but too garbled to match anything
                    : MonotoneAligner.FillGaps(anchors, table.DataColumns.Count, expected.Count,
                        (i, _) => table.ColumnHeaders[i].Leaf.Length > 0 || table.ColumnHasData[i], i => SplitInTheHeaderOnly(table, i), endsPinned: true);
            }
        }
        var (columnF, columnP, columnR) = FitMeasure.Of(columnPairs, usableColumns, columns.Count);
        if (columnPairs.Count > 0 && columnPairs.All(p => p.Basis == MatchBasis.Position))
        {
            columnF = Math.Min(columnF, 0.6); // nothing read confirms the columns
        }
        var rowEvidence = layout.Rows.Count > 1 && rowPairs.Any(p => p.Basis == MatchBasis.Label);
        var columnEvidence = columnPairs.Any(p => p.Basis == MatchBasis.Label);
        // Where the numbers sit is told by the row labels, or for appeals (one row, no labels) by the column headers.
        var nothingPlacesTheNumbers = layout.Rows.Count > 1 ? !rowEvidence : !columnEvidence;
        var shapeRows = RowsOfTheShape(table, layout, rowPairs);
        double RowAt(int i, int j) => RowSimilarity(table.RowLabels[i], expectedRows[j].Label, expectedRows[j].Groups);
        var exactShape = shapeRows is not null && columnPairs.Count == columns.Count;
        var placedByShape = exactShape && nothingPlacesTheNumbers;
        if (placedByShape && layout.Rows.Count > 1)
        {
            rowPairs = shapeRows!;
            (rowF, rowP, rowR) = FitMeasure.Of(rowPairs, usableRows, layout.Rows.Count);
        }
        else if (exactShape && layout.Rows.Count > 1 && !MonotoneAligner.SamePlaces(rowPairs, shapeRows!)
            && !MonotoneAligner.OneReadsAsAnother([.. shapeRows!.Select(p => p.Observed)], layout.Rows.Count, RowAt, ClearLabel, ContradictionMargin))
        {
            // Exactly the layout's body rows, but labels too poorly read to align them all: each row is the layout row at
            // its place (a monotone alignment of equal counts can only leave gaps), vouched for by its label where that
            // reads as its own; the others are placed, not vouched for. Not where a row reads clearly as another: the count
            // may be a rule lost and another found too many (f49c 0010, `generate --count 40 --seed 4903 --bilevel mixed`: two
            // rows in one cell and a wrapped label cut in two), and 要求行政机关确认或重新出具已获取信息, placed one row up, gave
            // its 1s to 无正当理由大量反复申请, passed as ok.
            rowPairs = MonotoneAligner.ConfirmedInPlace(shapeRows!, RowAt, Threshold);
            (rowF, rowP, rowR) = FitMeasure.Of(rowPairs, usableRows, layout.Rows.Count);
            notes.Add($"the table has exactly the layout's {layout.Rows.Count} body rows: each is placed at its own, "
                + $"{rowPairs.Count(p => p.Basis == MatchBasis.Label)} confirmed by their labels");
        }

        // ---- cells
        var rowMatches = new List<RowMatch>();
        foreach (var p in rowPairs)
        {
            for (var k = 0; k < p.ExpectedCount; k++)
            {
                var row = table.BodyRows[p.Observed];
                rowMatches.Add(new RowMatch(layout.Rows[p.Expected + k].Key, row, p.Similarity, p.Basis, table.RowLabels[p.Observed].Own));
            }
        }
        var columnMatches = new List<ColumnMatch>();
        foreach (var p in columnPairs)
        {
            for (var k = 0; k < p.ExpectedCount; k++)
            {
                var column = table.DataColumns[p.Observed];
                columnMatches.Add(new ColumnMatch(block.Key, columns[p.Expected + k].Key, column, column, p.Similarity, p.Basis, table.ColumnHeaders[p.Observed].Leaf));
            }
        }
        WidenOverSplitHeaders(table, columnMatches);
        var rowOrder = layout.Rows.Select((r, i) => (r.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        var columnOrder = columns.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        var targets = (from r in rowMatches
                       from c in columnMatches
                       select new CellTarget($"{r.RowKey}/{c.ColumnKey}", r.LatticeRow, c.FirstLatticeColumn, c.LastLatticeColumn,
                           rowOrder[r.RowKey], columnOrder[c.ColumnKey], c.ColumnKey)).ToList();
        var (cells, unresolved, wordsWhereNumbersGo) = CellAssembler.Assemble(grid, layout, targets, notes);

        var foundRows = rowMatches.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        var missingRows = layout.Rows.Where(r => !foundRows.Contains(r.Key)).Select(r => r.Key).ToList();
        var foundColumns = columnMatches.Select(c => c.ColumnKey).ToHashSet(StringComparer.Ordinal);
        var missingColumns = columns.Where(c => !foundColumns.Contains(c.Key)).Select(c => c.Key).ToList();

        DescribeRows(table, layout, rowPairs, rowMatches, missingRows, notes);
        DescribeColumns(table, columnPairs, columnMatches, missingColumns, notes);

        var structure = Math.Sqrt(rowF * columnF); // both must fit: rows without columns (or the reverse) is no match
        if (placedByShape)
        {
            // The shape alone is no evidence against a layout that something read matches; only when nothing read
            // matches any layout may the snapper take an exact shape (see LayoutFit.PlacedByShape).
            structure = 0;
            notes.Add($"nothing read places the numbers on this layout, but the table has its shape: {layout.Rows.Count} body rows, {columns.Count} data columns");
        }
        else if (!rowEvidence && !columnEvidence && structure > 0)
        {
            structure = 0;
            notes.Add("no row label or column header read matches this layout: the shape alone does not identify it");
        }
        var explanation = string.Create(CultureInfo.InvariantCulture,
            $"rows {rowF:0.00} (P {rowP:0.00} R {rowR:0.00}, {rowMatches.Count}/{layout.Rows.Count} found), columns {columnF:0.00} (P {columnP:0.00} R {columnR:0.00}, {columnMatches.Count}/{columns.Count} found)");
        var snapped = new SnappedTable(layout, structure, cells, missingRows, missingColumns, unresolved, rowMatches, columnMatches, notes)
        {
            WordsWhereNumbersGo = wordsWhereNumbersGo,
            RowsAtTheirPlace = exactShape && !placedByShape && layout.Rows.Count > 1
                && rowPairs.Count(p => p.Basis == MatchBasis.Label) * (CheckedBySums(layout) ? 3 : 2) >= layout.Rows.Count,
            ColumnsAtTheirPlace = columnsAtTheirPlace && !placedByShape,
            HeaderlessWithTheLayoutsColumns = headerlessWithTheLayoutsColumns && !placedByShape,
        };
        return new LayoutFit(snapped, structure, explanation, exactShape, placedByShape);
    }

    /// <summary>
    /// Data column <paramref name="i"/> and the next are one column split by a rule in the header only: every body row holds
    /// one number cell over both (f5 0012: blank header cells over 法律服务机构 voted numbers split its header in two).
    /// </summary>
    private static bool SplitInTheHeaderOnly(GridTableAnalysis table, int i) =>
        i + 1 < table.DataColumns.Count && table.BodyRows.Count > 0
        && table.BodyRows.All(r => table.Grid.At(r, table.DataColumns[i]) is { } cell && table.Grid.HoldsNumber(cell)
            && ReferenceEquals(cell, table.Grid.At(r, table.DataColumns[i + 1])));

    /// <summary>
    /// Every body cell of data column <paramref name="i"/> that holds a number holds two, side by side: the rule between two
    /// columns is lost over the header and the numbers alike (a faint scan), and the header they share holds one label more
    /// than it has columns under it. Which of its columns stands for two, the labels cannot tell; the numbers can. Without
    /// them the columns were placed in order, each under the next label, and the last label went unread (n71
    /// `generate --count 50 --seed 7171` 0050: 未经复议直接起诉 over three columns, its first holding 结果维持 and 结果纠正).
    /// </summary>
    private static bool TwoNumbersSideBySide(GridTableAnalysis table, int i)
    {
        var cells = table.BodyRows.Select(r => table.Grid.At(r, table.DataColumns[i]))
            .Where(c => c is not null && table.Grid.HoldsNumber(c) && !string.IsNullOrWhiteSpace(c.Text)).ToList();
        // Two as the cell splitter will part them, once the column stands for two.
        return cells.Count > 0 && cells.All(c => c!.Cell.Column == table.DataColumns[i] && c.Cell.ColumnSpan == 1
            && CellSplitter.Tokens(c.Text, 2, stacked: false) is not null);
    }

    /// <summary>
    /// A header cell over lattice columns that a stub of rule split (其他 over two, its numbers merged over both in most
    /// rows and in one half where the stub runs on): the layout column matched at the header's first lattice column takes
    /// the others under it that no layout column was matched to, so a number standing in the other half is still its
    /// column's. Where the header holds the labels of several layout columns, each is matched and none is taken.
    /// </summary>
    private static void WidenOverSplitHeaders(GridTableAnalysis table, List<ColumnMatch> columnMatches)
    {
        bool Matched(int latticeColumn) => columnMatches.Any(c => c.FirstLatticeColumn <= latticeColumn && c.LastLatticeColumn >= latticeColumn);
        for (var m = 0; m < columnMatches.Count; m++)
        {
            var match = columnMatches[m];
            var i = match.FirstLatticeColumn - table.FirstDataColumn; // the data columns run on from the first
            if (i < 0 || i >= table.DataColumns.Count || table.HeaderRuns[i] is not (0, > 1 and var span)) continue;
            var last = match.LastLatticeColumn;
            for (var j = i + 1; j < i + span && j < table.DataColumns.Count && !Matched(table.DataColumns[j]); j++)
            {
                last = table.DataColumns[j];
            }
            columnMatches[m] = match with { LastLatticeColumn = last };
        }
    }

    /// <summary>
    /// The rows of a table whose labels could not be read, placed by position: only when it has exactly the layout's
    /// body rows (a single one under the header for appeals). Null otherwise: with a row more or fewer, position
    /// says nothing of which is which.
    /// </summary>
    private static List<AlignedPair>? RowsOfTheShape(GridTableAnalysis table, TableLayout layout, List<AlignedPair> rowPairs)
    {
        if (layout.Rows.Count == 1)
        {
            // SingleDataRow: one body row and no labels beside it is the appeals shape.
            return rowPairs is [{ Similarity: 1 }] ? rowPairs : null;
        }
        var rows = Enumerable.Range(0, table.BodyRows.Count).Where(i => !table.Grid.IsThinRow(table.BodyRows[i])).ToList();
        return rows.Count == layout.Rows.Count
            ? rows.Select((i, k) => new AlignedPair(i, k, 1, 0, MatchBasis.Position)).ToList()
            : null;
    }

    internal static IReadOnlyList<string> GroupParts(string? group) =>
        group is null ? [] : group.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(LabelNormalizer.Normalize).ToList();

    /// <summary>The own label decides; group cells (merged, often vertical, often garbled) add a little when read.</summary>
    internal static double RowSimilarity((string Own, IReadOnlyList<string> Groups) read, string label, IReadOnlyList<string> groups) =>
        RowSimilarity(LabelSimilarity.ScoreNormalized(read.Own, label), read.Groups, groups);

    private static double RowSimilarity(double own, IReadOnlyList<string> readGroups, IReadOnlyList<string> groups)
    {
        if (groups.Count == 0 || readGroups.Count == 0)
        {
            return own;
        }
        return OwnLabelWeight * own + (1 - OwnLabelWeight) * GroupSimilarity(readGroups, groups);
    }

    internal static double GroupSimilarity(IReadOnlyList<string> read, IReadOnlyList<string> expected) =>
        expected.Average(part => read.Max(text => LabelSimilarity.ScoreNormalized(text, part)));

    /// <summary>
    /// How well a text shared by a run of lattice rows (or columns) holds the labels of as many consecutive layout
    /// items, when the item at <paramref name="at"/> of the run is layout item <paramref name="expected"/>.
    /// </summary>
    internal static double RunSimilarity(string read, (int At, int Length) run, int expected, IReadOnlyList<string> labels)
    {
        var first = expected - run.At;
        if (run.Length < 2 || first < 0 || first + run.Length > labels.Count)
        {
            return 0;
        }
        var score = LabelSimilarity.ScoreRunNormalized(read, labels.Skip(first).Take(run.Length).ToList());
        // The text holds one label more than the run has rows (or columns): another rule is missing here, and
        // which item goes where is anybody's guess.
        var longer = Math.Max(
            first > 0 ? LabelSimilarity.ScoreRunNormalized(read, labels.Skip(first - 1).Take(run.Length + 1).ToList()) : 0,
            first + run.Length < labels.Count ? LabelSimilarity.ScoreRunNormalized(read, labels.Skip(first).Take(run.Length + 1).ToList()) : 0);
        return longer > score ? 0 : score;
    }

    /// <summary>
    /// Runs of body rows under one label cell that no row of theirs was placed from, whose shared text holds the labels of one
    /// more consecutive layout rows than the run has, between the layout rows placed before and after it: a pair per row of the
    /// run (the last standing for two), to measure the fit with, not to place cells by.
    /// </summary>
    private static IEnumerable<AlignedPair> RunsHoldingOneLabelMore(GridTableAnalysis table, IReadOnlyList<AlignedPair> placed, IReadOnlyList<string> labels)
    {
        var placedRows = placed.Select(p => p.Observed).ToHashSet();
        for (var i = 0; i < table.BodyRows.Count; i++)
        {
            var (at, length) = table.OwnLabelRuns[i];
            if (at != 0 || length < 2 || i + length > table.BodyRows.Count
                || Enumerable.Range(i, length).Any(r => placedRows.Contains(r) || table.Grid.IsThinRow(table.BodyRows[r])))
            {
                continue;
            }
            var before = placed.Where(p => p.Observed < i).Select(p => p.Expected + p.ExpectedCount - 1).DefaultIfEmpty(-1).Max();
            var after = placed.Where(p => p.Observed >= i + length).Select(p => p.Expected).DefaultIfEmpty(labels.Count).Min();
            var (score, first) = (0.0, -1);
            for (var j = before + 1; j + length < after; j++)
            {
                var s = LabelSimilarity.ScoreRunNormalized(table.RowLabels[i].Own, labels.Skip(j).Take(length + 1).ToList());
                if (s > score) (score, first) = (s, j);
            }
            if (score < Threshold) continue;
            for (var k = 0; k < length; k++)
            {
                yield return new AlignedPair(i + k, first + k, k == length - 1 ? 2 : 1, score, MatchBasis.Label);
            }
        }
    }

    private static double ColumnSimilarity(GridTableAnalysis table, int i, double leafSimilarity, IReadOnlyList<string> groups)
    {
        var readGroups = table.ColumnHeaders[i].Groups;
        var s = leafSimilarity;
        if (groups.Count > 0 && readGroups.Count > 0)
        {
            s = LeafWeight * s + (1 - LeafWeight) * GroupSimilarity(readGroups, groups);
        }
        // two lattice columns under one header cell (an extra rule): prefer the one holding numbers
        return Math.Min(1, s + (table.ColumnHasData[i] ? DataTieBreak : 0));
    }

    /// <summary>Appeals: the one data row under the header rows; no labels expected at its left.</summary>
    private static (List<AlignedPair>, double) SingleDataRow(GridTableAnalysis table, List<string> notes)
    {
        if (table.BodyRows.Count == 0)
        {
            return ([], 0);
        }
        var best = Enumerable.Range(0, table.BodyRows.Count).MaxBy(i => table.Grid.NonEmptyNumbers(table.BodyRows[i]));
        var fit = 1.0;
        if (table.BodyRows.Count > 1)
        {
            fit *= 0.6;
            notes.Add($"{table.BodyRows.Count} rows hold numbers where one is expected; took r{table.BodyRows[best]}, the fullest");
        }
        if (table.RowLabels.Any(l => l.Own.Length > 0))
        {
            fit *= 0.3;
            notes.Add("rows carry labels at their left, which this layout does not have");
        }
        return ([new AlignedPair(best, 0, 1, fit, MatchBasis.Label)], fit);
    }

    /// <summary>
    /// A layout whose identities check what position placed: a row or column out of place breaks its sums, and a cell is
    /// vouched for only where its sums hold. Then a third of the rows, or one column, read as their own confirm the exact
    /// shape's places (bench150 0071: 12 of 25 row labels and 1 of 7 column headers readable in a salted serif scan, every
    /// cell the sums settled sent to review for its place alone); a table no sum checks (active) still needs half.
    /// </summary>
    private static bool CheckedBySums(TableLayout layout) => layout.Identities.Count > 0;

    /// <summary>
    /// As many data columns as the layout has columns (or as many that are not blank): they are its columns, in
    /// order — unless a header
    /// read says otherwise (it matches another layout column clearly better than its own). Labels read confirm the
    /// placement; a header too garbled to match stays in place between its neighbours. Header texts repeated over
    /// several columns (a merged header cell drawn over missed rules) cannot pull a column out of place this way.
    /// Null when the counts differ, a header contradicts the order, or no header matches at all.
    /// </summary>
    private static List<AlignedPair>? ColumnsInPlace(GridTableAnalysis table, int expected, Func<int, int, double> similarity, List<string> notes)
    {
        var usable = Enumerable.Range(0, table.DataColumns.Count).ToList();
        if (usable.Count != expected)
        {
            // all but the blank ones (an extra blank column at the edge, or between the groups)
            usable = usable.Where(i => table.ColumnHeaders[i].Leaf.Length > 0 || table.ColumnHasData[i]).ToList();
        }
        if (usable.Count == expected + 1 && new[] { usable[0], usable[^1] }.Where(i => MarkedByNoise(table, i)).ToList() is [var extra])
        {
            // An extra blank column at the edge, where show-through or specks wrote a mark or two (p61 0017: a dash and two
            // 1s in 23 rows, under a header of a rule's remnant): no column of the layout.
            usable.Remove(extra);
        }
        if (MonotoneAligner.InPlace(usable, expected, similarity, Threshold, ClearLabel, ContradictionMargin) is not { } pairs)
        {
            return null;
        }
        notes.Add($"the {expected} data columns are the layout's {expected} columns in order; {pairs.Count(p => p.Basis == MatchBasis.Label)} confirmed by their headers");
        return pairs;
    }

    /// <summary>
    /// A data column with no written header (nothing or a rule's remnant, no glyph) that holds something in at most one
    /// body row in <see cref="RowsPerNoiseMark"/>: a blank column with noise in it. A column of the layout printing its
    /// zeros blank keeps its header.
    /// </summary>
    private static bool MarkedByNoise(GridTableAnalysis table, int i)
    {
        if (table.ColumnHeaders[i].Leaf.Any(char.IsLetter)) return false;
        var column = table.DataColumns[i];
        var marked = table.BodyRows.Count(r => table.Grid.At(r, column) is { } cell && !string.IsNullOrWhiteSpace(cell.Text));
        return marked * RowsPerNoiseMark <= table.BodyRows.Count;
    }

    private const int RowsPerNoiseMark = 3;

    /// <summary>A header matching another layout column this well ...</summary>
    public const double ClearLabel = 0.75;

    /// <summary>... and by this much more than its own column contradicts the columns' order.</summary>
    public const double ContradictionMargin = 0.25;

    /// <summary>
    /// The layout's columns at the lattice columns the part before had them, every one of them a data column here. A
    /// headerless continuation printing its zeros blank has no column to tell by its numbers either: one with an extra blank
    /// column at the edge (`reports --count 20 --seed 6363`, 0011, page 3: eight data columns, two with a number) had no
    /// column placed, and fourteen rows of a requests table went unread. Null where one is no data column here.
    /// </summary>
    private static List<AlignedPair>? ColumnsAsBefore(GridTableAnalysis table, IReadOnlyList<LayoutColumn> columns, IReadOnlyList<ColumnMatch> before,
        List<string> notes)
    {
        var pairs = new List<AlignedPair>();
        foreach (var match in before)
        {
            var observed = -1;
            for (var i = 0; i < table.DataColumns.Count; i++)
            {
                if (table.DataColumns[i] == match.FirstLatticeColumn) observed = i;
            }
            var expected = -1;
            for (var k = 0; k < columns.Count; k++)
            {
                if (columns[k].Key == match.ColumnKey) expected = k;
            }
            if (observed < 0 || expected < 0 || match.LastLatticeColumn != match.FirstLatticeColumn) return null;
            pairs.Add(new AlignedPair(observed, expected, 1, 1, MatchBasis.Position));
        }
        if (pairs.Count != columns.Count || pairs.Select(p => p.Observed).Distinct().Count() != pairs.Count) return null;
        pairs.Sort((a, b) => a.Observed.CompareTo(b.Observed));
        if (pairs.Zip(pairs.Skip(1)).Any(p => p.Second.Expected <= p.First.Expected)) return null;
        notes.Add($"no column header: the {columns.Count} columns are where the part before has them");
        return pairs;
    }

    private static List<AlignedPair> ColumnsByPosition(GridTableAnalysis table, int expected, List<string> notes)
    {
        var all = Enumerable.Range(0, table.DataColumns.Count).ToList();
        var withData = all.Where(i => table.ColumnHasData[i]).ToList();
        var chosen = all.Count == expected ? all : withData.Count == expected ? withData : null;
        if (chosen is null)
        {
            notes.Add($"no column header could be matched and the {all.Count} data columns ({withData.Count} with numbers) do not match the {expected} layout columns: columns not placed");
            return [];
        }
        notes.Add($"no column header could be matched: the {expected} columns are placed by position");
        return chosen.Select((i, k) => new AlignedPair(i, k, 1, 1, MatchBasis.Position)).ToList();
    }

    private static void DescribeRows(GridTableAnalysis table, TableLayout layout, List<AlignedPair> pairs, List<RowMatch> matches,
        List<string> missing, List<string> notes)
    {
        if (layout.Rows.Count == 1)
        {
            return;
        }
        var byLabel = matches.Count(m => m.Basis == MatchBasis.Label);
        notes.Add($"rows: {matches.Count}/{layout.Rows.Count} found ({byLabel} by label, {matches.Count - byLabel} by neighbours)"
            + (missing.Count > 0 ? $"; not in picture: {CellAssembler.Abbreviate(missing)}" : string.Empty));
        foreach (var m in matches.Where(m => m.Basis == MatchBasis.Neighbours))
        {
            notes.Add($"row {m.RowKey} placed at r{m.LatticeRow} by its neighbours (read label '{m.ReadLabel}')");
        }
        foreach (var m in matches.Where(m => m.Basis == MatchBasis.Label && m.Similarity < 0.75))
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"row {m.RowKey} matched r{m.LatticeRow} '{m.ReadLabel}' weakly ({m.Similarity:0.00})"));
        }
        var used = pairs.Select(p => p.Observed).ToHashSet();
        var unused = Enumerable.Range(0, table.BodyRows.Count).Where(i => !used.Contains(i))
            .Select(i => $"r{table.BodyRows[i]}" + (table.Grid.IsThinRow(table.BodyRows[i]) ? " (thin)" : $" '{table.RowLabels[i].Own}'")).ToList();
        if (unused.Count > 0)
        {
            notes.Add($"lattice rows holding numbers but matching no layout row: {CellAssembler.Abbreviate(unused)}");
        }
    }

    private static void DescribeColumns(GridTableAnalysis table, List<AlignedPair> pairs, List<ColumnMatch> matches, List<string> missing, List<string> notes)
    {
        if (missing.Count > 0)
        {
            notes.Add($"columns not found: {string.Join(", ", missing)}");
        }
        foreach (var m in matches.Where(m => m.Basis == MatchBasis.Neighbours))
        {
            notes.Add($"column {m.ColumnKey} placed at c{m.FirstLatticeColumn} by its neighbours (read header '{m.ReadHeader}')");
        }
        var used = pairs.Select(p => p.Observed).ToHashSet();
        var unused = Enumerable.Range(0, table.DataColumns.Count).Where(i => !used.Contains(i))
            .Select(i => $"c{table.DataColumns[i]} '{table.ColumnHeaders[i].Leaf}'" + (table.ColumnHasData[i] ? string.Empty : " (blank)")).ToList();
        if (unused.Count > 0)
        {
            notes.Add($"lattice columns matching no layout column: {string.Join(", ", unused)}");
        }
    }
}
