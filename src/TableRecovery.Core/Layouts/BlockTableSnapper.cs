using System.Globalization;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Layouts;

/// <summary>
/// Snaps a read table onto a block layout (active-*): the layout becomes one sequence of expected rows — per block
/// its header row ("第二十条第（一）项"), its column header row ("信息内容 | 本年制发件数 | …") and its data rows —
/// aligned in order with the lattice rows; then each block's columns are found in its own column header row, and
/// each data row's numbers under them.
/// </summary>
internal static class BlockTableSnapper
{
    public const double Threshold = 0.5;
    private const double WrongNumeralFactor = 0.4;
    private const double WrongKindFactor = 0.5;
    private const string Numerals = "一二三四五六七八九十";

    private enum ItemKind
    {
        BlockHeader,
        ColumnHeader,
        DataRow,
    }

    private sealed record Item(ItemKind Kind, int BlockIndex, LayoutRow? Row, string Text);

    public static LayoutFit Snap(ReadGrid grid, TableLayout layout)
    {
        var notes = new List<string>();
        var items = new List<Item>();
        var headerColumn = LabelNormalizer.Normalize(layout.HeaderColumnLabel);
        for (var b = 0; b < layout.Blocks.Count; b++)
        {
            var block = layout.Blocks[b];
            items.Add(new Item(ItemKind.BlockHeader, b, null, LabelNormalizer.Normalize(block.Label)));
            items.Add(new Item(ItemKind.ColumnHeader, b, null, headerColumn + string.Concat(block.Columns.Select(c => LabelNormalizer.Normalize(c.Label)))));
            items.AddRange(block.Rows.Select(r => new Item(ItemKind.DataRow, b, r, LabelNormalizer.Normalize(r.Label))));
        }
        var rowTexts = Enumerable.Range(0, grid.RowCount).Select(grid.RowText).ToList();
        var labelCells = Enumerable.Range(0, grid.RowCount).Select(r => grid.CellsCovering(r).FirstOrDefault(c => !grid.HoldsNumber(c))).ToList();
        var rowLabels = labelCells.Select(grid.Label).ToList();
        var hasNumbers = Enumerable.Range(0, grid.RowCount).Select(grid.HasNumbers).ToList();
        var itemTexts = items.Select(i => i.Text).ToList();
        // A label cell over several rows of numbers: the rule between their labels was lost, and its text holds both
        // (规章 garbled, then 规范性文件). Each row takes a label of the run only where the text holds every label of the
        // run: the one it reads clearly is no sign of which row it is (the first row took 规范性文件 with the numbers of 规章).
        var sharedLabels = Enumerable.Range(0, grid.RowCount).Select(SharedLabel).ToList();
        (int At, int Length)? SharedLabel(int r)
        {
            if (labelCells[r] is not { Cell.RowSpan: > 1 } cell) return null;
            var rows = Enumerable.Range(cell.Cell.Row, cell.Cell.RowSpan).Where(x => x < grid.RowCount && hasNumbers[x]).ToList();
            return rows.Count > 1 && rows.IndexOf(r) is >= 0 and var at ? (at, rows.Count) : null;
        }

        double Sim(int r, int j)
        {
            var item = items[j];
            if (item.Kind == ItemKind.DataRow)
            {
                // Only a row of numbers has a run (see SharedLabel).
                var s = sharedLabels[r] is { } run
                    ? GridTableSnapper.RunSimilarity(rowLabels[r], run, j, itemTexts)
                    : LabelSimilarity.ScoreNormalized(rowLabels[r], item.Text);
                return hasNumbers[r] ? s : s * WrongKindFactor;
            }
            var h = LabelSimilarity.ScoreNormalized(rowTexts[r], item.Text);
            if (item.Kind == ItemKind.BlockHeader && Numeral(rowTexts[r]) is { } read && Numeral(item.Text) is { } want && read != want)
            {
                h *= WrongNumeralFactor;
            }
            return hasNumbers[r] ? h * WrongKindFactor : h;
        }

        var anchors = MonotoneAligner.Align(grid.RowCount, items.Count, Sim, Threshold);
        var pairs = MonotoneAligner.FillGaps(anchors, grid.RowCount, items.Count,
            (r, j) => !grid.IsThinRow(r) && hasNumbers[r] == (items[j].Kind == ItemKind.DataRow) && (rowLabels[r].Length <= 1 || Sim(r, j) >= 0.2));
        var shapeRows = RowsOfTheShape(grid, items, hasNumbers);
        var placedByShape = shapeRows is not null && !pairs.Any(p => p.Basis == MatchBasis.Label && items[p.Expected].Kind == ItemKind.DataRow);
        if (placedByShape)
        {
            pairs = shapeRows!;
        }
        else if (shapeRows is not null && !MonotoneAligner.SamePlaces(pairs, shapeRows))
        {
            // Exactly the layout's rows, but labels too poorly read to align them all: each row is the item at its place,
            // vouched for by its text where that reads as its own.
            pairs = MonotoneAligner.ConfirmedInPlace(shapeRows, Sim, Threshold);
            notes.Add($"the table has exactly the layout's {items.Count} rows: each is placed at its own, "
                + $"{pairs.Count(p => p.Basis == MatchBasis.Label)} confirmed by their text");
        }
        var matchedRows = pairs.Select(p => p.Observed).ToHashSet();
        var usable = Enumerable.Range(0, grid.RowCount).Count(r => !grid.IsThinRow(r) && (hasNumbers[r] || rowTexts[r].Length > 0)
            && (!grid.IsTitleRow[r] || matchedRows.Contains(r)));
        var (rowF, rowP, rowR) = FitMeasure.Of(pairs, usable, FitMeasure.Span(pairs));

        var edges = TableEdges.Of(grid);
        var rowMatches = new List<RowMatch>();
        var columnMatches = new List<ColumnMatch>();
        var targets = new List<CellTarget>();
        double columnCredit = 0;
        var blocksFound = 0;
        for (var b = 0; b < layout.Blocks.Count; b++)
        {
            var block = layout.Blocks[b];
            var blockPairs = pairs.Where(p => items[p.Expected].BlockIndex == b).ToList();
            var dataPairs = blockPairs.Where(p => items[p.Expected].Kind == ItemKind.DataRow).ToList();
            if (dataPairs.Count == 0)
            {
                continue;
            }
            blocksFound++;
            foreach (var p in dataPairs)
            {
                rowMatches.Add(new RowMatch(items[p.Expected].Row!.Key, p.Observed, p.Similarity, p.Basis, rowLabels[p.Observed]));
            }
            var headerPair = blockPairs.Where(p => items[p.Expected].Kind == ItemKind.ColumnHeader).Select(p => (AlignedPair?)p).FirstOrDefault();
            var blockColumns = headerPair is { } hp ? ColumnsFromHeader(grid, edges, block, hp.Observed, headerColumn) : [];
            if (SplitByTheNumbers(grid, edges, block, dataPairs.Select(p => p.Observed).ToList(), blockColumns) is { } split)
            {
                notes.Add($"block {block.Key}: a header over several columns of numbers (a rule lost in the header row); each column is the block's at its place");
                blockColumns = split;
            }
            columnMatches.AddRange(blockColumns);
            columnCredit += blockColumns.Sum(c => c.Basis == MatchBasis.Label ? c.Similarity : FitMeasure.NeighbourCredit) / block.Columns.Count;
            if (headerPair is null)
            {
                notes.Add($"block {block.Key}: column header row not found; columns placed by position in each row");
            }
            foreach (var p in dataPairs)
            {
                var row = items[p.Expected].Row!;
                var numbers = NumbersRightOfLabel(grid, edges, p.Observed, block.Columns.Count);
                for (var k = 0; k < block.Columns.Count; k++)
                {
                    var column = block.Columns[k];
                    var match = blockColumns.FirstOrDefault(c => c.ColumnKey == column.Key);
                    if (match is not null)
                    {
                        targets.Add(new CellTarget($"{row.Key}/{column.Key}", p.Observed, match.FirstLatticeColumn, match.LastLatticeColumn, p.Expected, k, $"{block.Key}/{column.Key}"));
                    }
                    else if (numbers.Count == block.Columns.Count)
                    {
                        var cell = numbers[k].Cell;
                        targets.Add(new CellTarget($"{row.Key}/{column.Key}", p.Observed, cell.Column, cell.LastColumn, p.Expected, k, $"{block.Key}/{column.Key}"));
                    }
                }
            }
        }
        var columnFit = blocksFound == 0 ? 0 : columnCredit / blocksFound;
        var (cells, unresolved, wordsWhereNumbersGo) = CellAssembler.Assemble(grid, layout, targets, notes);
        // cells with row found but no column: unresolved too
        var foundRowKeys = rowMatches.Select(m => m.RowKey).ToHashSet(StringComparer.Ordinal);
        var targeted = targets.Select(t => t.CellId).ToHashSet(StringComparer.Ordinal);
        var unplaced = layout.Cells.Where(c => foundRowKeys.Contains(c.Row.Key) && !targeted.Contains(c.Id)).Select(c => c.Id).ToList();
        if (unplaced.Count > 0)
        {
            unresolved.AddRange(unplaced);
            notes.Add($"column not found for {CellAssembler.Abbreviate(unplaced)}");
        }
        var missingRows = layout.Rows.Where(r => !foundRowKeys.Contains(r.Key)).Select(r => r.Key).ToList();
        var missingColumns = layout.Blocks.Where(b => b.Rows.Any(r => foundRowKeys.Contains(r.Key)))
            .SelectMany(b => b.Columns.Where(c => !columnMatches.Any(m => m.BlockKey == b.Key && m.ColumnKey == c.Key)).Select(c => $"{b.Key}/{c.Key}"))
            .ToList();

        Describe(grid, layout, items, pairs, rowTexts, rowLabels, missingRows, notes);
        var structure = 0.8 * rowF + 0.2 * columnFit;
        if (!placedByShape && pairs.Count(p => p.Basis == MatchBasis.Label) < 2)
        {
            // One row read (规范性文件, in both formats' first block) in a scrap of grid is too little to tell a layout by.
            structure = 0;
            notes.Add("fewer than two rows of the layout were read: too little to identify it");
        }
        if (placedByShape)
        {
            // No row label read places the numbers: the shape may identify the table only when nothing read matches any
            // layout (see LayoutFit.PlacedByShape).
            structure = 0;
            notes.Add($"nothing read places the numbers on this layout, but the table has its shape: {items.Count} rows, "
                + $"the {layout.Blocks.Count} block headers and the numbers where the layout has them");
        }
        var explanation = string.Create(CultureInfo.InvariantCulture,
            $"rows {rowF:0.00} (P {rowP:0.00} R {rowR:0.00}, {rowMatches.Count}/{layout.Rows.Count} found), column headers {columnFit:0.00} over {blocksFound}/{layout.Blocks.Count} blocks");
        // With the exact shape every row already sits at its place (above); half of them read as their own confirm it.
        var snapped = new SnappedTable(layout, structure, cells, missingRows, missingColumns, unresolved, rowMatches, columnMatches, notes)
        {
            WordsWhereNumbersGo = wordsWhereNumbersGo,
            RowsAtTheirPlace = shapeRows is not null && !placedByShape
                && rowMatches.Count(m => m.Basis == MatchBasis.Label) * 2 >= layout.Rows.Count,
        };
        return new LayoutFit(snapped, structure, explanation, shapeRows is not null, placedByShape);
    }

    /// <summary>
    /// The rows of a table whose labels could not be read, placed by position: only when every lattice row is what the
    /// layout has there — a block header across the table, a column header row without numbers, a row of cells.
    /// </summary>
    private static List<AlignedPair>? RowsOfTheShape(ReadGrid grid, List<Item> items, List<bool> hasNumbers)
    {
        var rows = Enumerable.Range(0, grid.RowCount).Where(r => !grid.IsThinRow(r)).ToList();
        if (rows.Count == items.Count + 1 && items[0].Kind == ItemKind.BlockHeader && SpansTheTable(grid, rows[0]) && SpansTheTable(grid, rows[1]))
        {
            // A title row across the table above its first block header (主动公开政府信息情况): the layout has no row for it.
            rows.RemoveAt(0);
        }
        if (rows.Count != items.Count) return null;
        for (var j = 0; j < items.Count; j++)
        {
            var r = rows[j];
            // A column header row whose rules were lost reads as one cell across, like a block header; a number row's
            // numbers may all be misread as text (a dash as 一). What the structure fixes is where the block headers are.
            // Header text taken for a number reads blank or as digits no engine is sure of ('92' at 0.00), so a column
            // header row is one where no number reads with some confidence.
            var fits = items[j].Kind switch
            {
                ItemKind.BlockHeader => SpansTheTable(grid, r),
                ItemKind.ColumnHeader => !ReadsANumber(grid, r),
                _ => !SpansTheTable(grid, r),
            };
            if (!fits) return null;
        }
        return rows.Select((r, j) => new AlignedPair(r, j, 1, 0, MatchBasis.Position)).ToList();
    }

    /// <summary>
    /// One text cell across the table, like a block header; blank cells beside it are allowed, since a table printed
    /// with an extra empty column at its edge has the header stop at that column's rule.
    /// </summary>
    private static bool SpansTheTable(ReadGrid grid, int row)
    {
        if (grid.IsTitleRow[row]) return true;
        var cells = grid.CellsCovering(row);
        var written = cells.Where(c => !IsBlank(c)).ToList();
        return grid.ColumnCount > 2 && written is [var only] && !grid.HoldsNumber(only) && only.Cell.RowSpan == 1
            && only.Cell.ColumnSpan >= grid.ColumnCount - 1;
    }

    private static bool ReadsANumber(ReadGrid grid, int row) =>
        grid.CellsCovering(row).Any(c => grid.HoldsNumber(c)
            && c.Readings.Any(r => !string.IsNullOrWhiteSpace(r.Text) && r.Confidence >= SureEnoughOfANumber));

    private const double SureEnoughOfANumber = 0.5;

    private static bool IsBlank(ReadCell cell) =>
        string.IsNullOrWhiteSpace(cell.Text) && cell.Readings.All(r => string.IsNullOrWhiteSpace(r.Text));

    /// <summary>The numeral of "第二十条第（五）项": the one before 项.</summary>
    private static char? Numeral(string normalized)
    {
        var at = normalized.LastIndexOf('项');
        return at > 0 && Numerals.Contains(normalized[at - 1], StringComparison.Ordinal) ? normalized[at - 1] : null;
    }

    /// <summary>
    /// The last lattice column of a row's label. A label cell taken for a number (规章 read as 无) has none of its own:
    /// the table's label column, where most rows have theirs, stands for it, so the numbers are not counted from it.
    /// </summary>
    private static int LabelLastColumn(ReadGrid grid, TableEdges edges, int row) =>
        grid.At(row, 0) is { } label && !grid.HoldsNumber(label) ? label.Cell.LastColumn : edges.LabelLast;

    /// <summary>The label column's header (信息内容) read with more after it: a column header that ran into it.</summary>
    private static bool RanIntoTheHeaders(string read, string headerColumn) =>
        headerColumn.Length > 0 && read.Length >= headerColumn.Length + 2
        && LabelSimilarity.ScoreNormalized(read[..headerColumn.Length], headerColumn) >= 0.75;

    /// <summary>Where the table's labels end and where its written columns end, found once per table.</summary>
    private readonly record struct TableEdges(int LabelLast, int LastWritten)
    {
        public static TableEdges Of(ReadGrid grid) => new(TableLabelLastColumn(grid), LastWrittenColumn(grid));
    }

    private static int TableLabelLastColumn(ReadGrid grid) =>
        Enumerable.Range(0, grid.RowCount)
            .Where(r => !grid.IsTitleRow[r])
            .Select(r => grid.At(r, 0) is { } label && !grid.HoldsNumber(label) ? label.Cell.LastColumn : -1)
            .Where(c => c >= 0)
            .GroupBy(c => c)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .DefaultIfEmpty(-1)
            .First();

    /// <summary>
    /// The numbers right of a row's label; when there are more than the block has columns, not those in an empty column
    /// at the table's right edge (a table printed with an extra blank column).
    /// </summary>
    private static List<ReadCell> NumbersRightOfLabel(ReadGrid grid, TableEdges edges, int row, int wanted)
    {
        var labelLast = LabelLastColumn(grid, edges, row);
        var numbers = grid.CellsCovering(row).Where(c => grid.HoldsNumber(c) && c.Cell.Column > labelLast).ToList();
        return numbers.Count > wanted ? numbers.Where(c => c.Cell.Column <= edges.LastWritten).ToList() : numbers;
    }

    /// <summary>The last lattice column that holds anything: columns right of it are blank in every row.</summary>
    private static int LastWrittenColumn(ReadGrid grid)
    {
        var last = grid.ColumnCount - 1;
        while (last > 0 && Enumerable.Range(0, grid.RowCount).All(r => grid.At(r, last) is not { } cell
            || IsBlank(cell) || cell.Cell.Column < last))
        {
            last--;
        }
        return last;
    }

    /// <summary>
    /// The block's columns where a rule lost in the column header row left two headers in one cell read as one (上一年项目数量 |
    /// 本年增/减 read 人人本年增/减): the headers place one column over both lattice columns and none on the other, while every
    /// data row holds the block's count of numbers, each in one lattice column, the same in every row. Then each column is
    /// the lattice column at its place; a header that matched keeps its label where its span covers that place. Null when
    /// the headers already give each column its own lattice column, or the numbers do not line up.
    /// </summary>
    private static List<ColumnMatch>? SplitByTheNumbers(ReadGrid grid, TableEdges edges, LayoutBlock block, List<int> dataRows,
        List<ColumnMatch> fromHeader)
    {
        var wanted = block.Columns.Count;
        if (dataRows.Count == 0 || wanted < 2) return null;
        var places = dataRows.Select(r => NumbersRightOfLabel(grid, edges, r, wanted)).ToList();
        if (places.Any(numbers => numbers.Count != wanted || numbers.Any(n => n.Cell.ColumnSpan != 1))) return null;
        var at = places[0].Select(n => n.Cell.Column).ToList();
        if (places.Any(numbers => !numbers.Select(n => n.Cell.Column).SequenceEqual(at))) return null;
        var matches = block.Columns.Select(c => fromHeader.FirstOrDefault(m => m.ColumnKey == c.Key)).ToList();
        var spanning = matches.Any(m => m is not null && m.LastLatticeColumn > m.FirstLatticeColumn);
        if (!spanning || matches.Select((m, k) => m is not null && m.FirstLatticeColumn == at[k] && m.LastLatticeColumn == at[k]).All(own => own))
        {
            return null;
        }
        return block.Columns.Select((c, k) => matches[k] is { } m && m.FirstLatticeColumn <= at[k] && at[k] <= m.LastLatticeColumn
                ? m with { FirstLatticeColumn = at[k], LastLatticeColumn = at[k] }
                : new ColumnMatch(block.Key, c.Key, at[k], at[k], 0, MatchBasis.Position, matches[k]?.ReadHeader ?? string.Empty))
            .ToList();
    }

    /// <summary>
    /// The block's columns under its column header row, aligned lattice column by lattice column. A header cell
    /// over several lattice columns either holds as many labels (a rule missed in the header row only: each column
    /// takes its own label, in order) or one (a merged header over a merged or split number: the label takes the
    /// whole span, where the number is looked for).
    /// </summary>
    private static List<ColumnMatch> ColumnsFromHeader(ReadGrid grid, TableEdges edges, LayoutBlock block, int headerRow, string headerColumn)
    {
        var labelLast = LabelLastColumn(grid, edges, headerRow);
        if (labelLast > edges.LabelLast && edges.LabelLast >= 0 && RanIntoTheHeaders(grid.Label(grid.At(headerRow, 0)), headerColumn))
        {
            // The rule after 信息内容 was lost in this row: its cell holds the first column's header too, and that column is
            // the block's first, as in every other row (its text still reads as that header, beside 信息内容).
            labelLast = edges.LabelLast;
        }
        var columns = Enumerable.Range(labelLast + 1, Math.Max(0, grid.ColumnCount - labelLast - 1)).ToList();
        if (columns.Count > block.Columns.Count)
        {
            // An extra blank column at the edge is no column of the block: the headers stay in place without it.
            columns = columns.Where(c => c <= edges.LastWritten).ToList();
        }
        var cells = columns.Select(c => grid.At(headerRow, c) is { } cell && !grid.HoldsNumber(cell) ? cell : null).ToList();
        var texts = cells.Select(grid.Label).ToList();
        var runs = new List<(int At, int Length)>();
        for (var i = 0; i < columns.Count;)
        {
            var end = i + 1;
            while (cells[i] is not null && end < columns.Count && ReferenceEquals(cells[end], cells[i]))
            {
                end++;
            }
            runs.AddRange(Enumerable.Range(0, end - i).Select(k => (k, end - i)));
            i = end;
        }
        var expected = block.Columns.Select(c => LabelNormalizer.Normalize(c.Label)).ToList();
        double Single(int i, int k) => LabelSimilarity.ScoreNormalized(texts[i], expected[k]);
        // A header cell whose text holds one column's label more than it has lattice columns under it lost the column of
        // one of them, and which is anybody's guess (a text-only table of three headers over two columns of numbers put
        // the 2 under 本年废止件数 and the 20 under 现行有效件数 as the two columns before them, surely).
        double Run(int i, int k) => GridTableSnapper.RunSimilarity(texts[i], runs[i], k, expected);
        // A header row with a cell of its own for each of the block's columns holds them in order: garbled headers
        // (本年制发件数 read 村年拥声伟数) must not shift the columns to where a half-alike header pulls one.
        var inPlace = runs.All(r => r.Length == 1)
            ? MonotoneAligner.InPlace(Enumerable.Range(0, columns.Count).ToList(), expected.Count, Single, Threshold,
                GridTableSnapper.ClearLabel, GridTableSnapper.ContradictionMargin)
            : null;
        var pairs = inPlace ?? MonotoneAligner.FillGaps(
            MonotoneAligner.Align(columns.Count, expected.Count, (i, k) => Math.Max(Single(i, k), Run(i, k)), Threshold),
            columns.Count, expected.Count, (i, _) => texts[i].Length > 0);
        var labelsPerCell = new Dictionary<ReadCell, int>(ReferenceEqualityComparer.Instance);
        foreach (var cell in pairs.Select(p => cells[p.Observed]).OfType<ReadCell>())
        {
            labelsPerCell[cell] = labelsPerCell.GetValueOrDefault(cell) + 1;
        }
        var matches = new List<ColumnMatch>();
        foreach (var p in pairs)
        {
            var cell = cells[p.Observed];
            var own = cell is null || labelsPerCell[cell] > 1;
            var (first, last) = own ? (columns[p.Observed], columns[p.Observed]) : (cell!.Cell.Column, cell.Cell.LastColumn);
            matches.Add(new ColumnMatch(block.Key, block.Columns[p.Expected].Key, first, last, p.Similarity, p.Basis, texts[p.Observed]));
        }
        return HeaderCellsInPlace(columns, cells, block, (i, k) => Math.Max(Single(i, k), Run(i, k)), matches) ? [.. matches.Select(m => m with { AtItsPlace = true })] : matches;
    }

    /// <summary>
    /// The block's columns were placed one to one, in order, on the header row's cells (本年增/减 over the two lattice columns
    /// a wider block leaves) or on its lattice columns (two headers run together in one cell over two columns of numbers): as
    /// a grid table's columns at their place (<see cref="GridTableSnapper"/>), none reads clearly as another column's header
    /// and at least half read as their own.
    /// </summary>
    private static bool HeaderCellsInPlace(List<int> columns, List<ReadCell?> cells, LayoutBlock block, Func<int, int, double> similarity,
        List<ColumnMatch> matches)
    {
        var expectedCount = block.Columns.Count;
        if (cells.Any(c => c is null) || matches.Count != expectedCount) return false;
        var starts = Enumerable.Range(0, cells.Count).Where(i => i == 0 || !ReferenceEquals(cells[i], cells[i - 1])).ToList();
        var all = Enumerable.Range(0, cells.Count).ToList();
        return OneToOne(starts, i => (cells[i]!.Cell.Column, cells[i]!.Cell.LastColumn)) || OneToOne(all, i => (columns[i], columns[i]));

        bool OneToOne(List<int> places, Func<int, (int First, int Last)> span)
        {
            if (places.Count != expectedCount
                || !matches.Select((m, k) => (m, k)).All(x => x.m.ColumnKey == block.Columns[x.k].Key
                    && (x.m.FirstLatticeColumn, x.m.LastLatticeColumn) == span(places[x.k])))
            {
                return false;
            }
            var inPlace = MonotoneAligner.InPlace(places, expectedCount, similarity, Threshold, GridTableSnapper.ClearLabel, GridTableSnapper.ContradictionMargin);
            return inPlace is not null && inPlace.Count(p => p.Basis == MatchBasis.Label) * 2 >= expectedCount;
        }
    }

    private static void Describe(ReadGrid grid, TableLayout layout, List<Item> items, List<AlignedPair> pairs,
        List<string> rowTexts, List<string> rowLabels, List<string> missingRows, List<string> notes)
    {
        var rows = pairs.Where(p => items[p.Expected].Kind == ItemKind.DataRow).ToList();
        var byLabel = rows.Count(p => p.Basis == MatchBasis.Label);
        notes.Add($"rows: {rows.Count}/{layout.Rows.Count} found ({byLabel} by label, {rows.Count - byLabel} by neighbours)"
            + (missingRows.Count > 0 ? $"; not in picture: {CellAssembler.Abbreviate(missingRows)}" : string.Empty));
        foreach (var p in pairs.Where(p => p.Basis == MatchBasis.Neighbours))
        {
            notes.Add($"{Describe(layout, items[p.Expected])} placed at r{p.Observed} by its neighbours (read '{rowTexts[p.Observed]}')");
        }
        foreach (var p in pairs.Where(p => p.Basis == MatchBasis.Label && p.Similarity < 0.75))
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{Describe(layout, items[p.Expected])} matched r{p.Observed} '{rowTexts[p.Observed]}' weakly ({p.Similarity:0.00})"));
        }
        var used = pairs.Select(p => p.Observed).ToHashSet();
        var unused = Enumerable.Range(0, grid.RowCount).Where(r => !used.Contains(r) && (rowTexts[r].Length > 0 || grid.HasNumbers(r)))
            .Select(r => $"r{r} '{(rowLabels[r].Length > 0 ? rowLabels[r] : rowTexts[r])}'").ToList();
        if (unused.Count > 0)
        {
            notes.Add($"lattice rows matching nothing in the layout: {CellAssembler.Abbreviate(unused)}");
        }
    }

    private static string Describe(TableLayout layout, Item item) => item.Kind switch
    {
        ItemKind.BlockHeader => $"block header {layout.Blocks[item.BlockIndex].Key}",
        ItemKind.ColumnHeader => $"column header row of {layout.Blocks[item.BlockIndex].Key}",
        _ => $"row {item.Row!.Key}",
    };
}
