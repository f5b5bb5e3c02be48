using TableRecovery.Core.Grid;
using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Reconciliation;
using TableRecovery.Core.Results;
using TableRecovery.Core.Review;

namespace TableRecovery.Core.Pipeline;

/// <summary>
/// Matches each table read to its fixed layout, snaps the cells, and lets the reconciliation identities
/// decide values and statuses. A table that matches no layout is kept as its raw lattice, flagged.
/// </summary>
public sealed class LayoutAssembler(LayoutSnapper snapper, TableReconciler reconciler) : ITableAssembler
{
    private readonly RawLatticeAssembler _raw = new();

    public LayoutAssembler() : this(new LayoutSnapper(), TableReconciler.Default)
    {
    }

    /// <summary>Assembles every table of one picture or of a whole document, in order; tables cut over pictures are joined first.</summary>
    public List<TableResult> Assemble(IReadOnlyList<ReadTable> tables)
    {
        var results = new List<TableResult>(tables.Count);
        foreach (var table in new CutTableJoiner(snapper).Join(snapper.SnapAll(tables)))
        {
            if (table.Table is not { } snapped)
            {
                results.AddRange(_raw.Assemble([table.Parts[0].Source]).Select(r => r with { Notes = table.Parts[0].Reason is { } why ? [why] : null }));
                continue;
            }
            results.Add(Assemble(table, snapped));
        }
        return results;
    }

    /// <summary>Below this label similarity a row or column is placed by a guess, not by what was read.</summary>
    private const double FirmLabelSimilarity = 0.8;

    /// <summary>
    /// A cell sits firmly when its row and column were both matched by a clearly read label. A missing or
    /// extra ruling line can shift weakly matched rows by one; the values then still satisfy row sums,
    /// so position alone must never make a number <c>ok</c>. Unless the lattice has exactly the layout's rows, each
    /// of the kind the layout has there, and half of them read as their own, a third where sums check them (<see cref="SnappedTable.RowsAtTheirPlace"/>):
    /// no line is missing or extra, and a row whose label could not be read (规章 read as 和) is the row at its place,
    /// as long as what was read is not plainly another row's label. Whether the alignment placed it between its
    /// neighbours or left it out (行政强制 read as 人扫呈各, too far from any label to fill a gap) and the exact shape put it
    /// there by position, it is the same row. A table cut over pictures is judged column by column in the part each
    /// cell was read in: the part with the header read it there, and the headerless part's columns, placed by position,
    /// say nothing of the other part's.
    /// </summary>
    /// <param name="part">The snapped part the cell was read in; the table itself when it was not joined.</param>
    /// <param name="headWithTheSameColumns">
    /// The part with the header, when the cell's part is a later one whose lattice columns line up with its (see
    /// <see cref="SameColumns"/>): a column placed there by position is firm where the head read the same column's header
    /// clearly at the same lattice column.
    /// </param>
    private static bool IsFirmlyPlaced(string cellId, SnappedTable snapped, SnappedTable part, SnappedTable? headWithTheSameColumns)
    {
        var layout = snapped.Layout;
        var cell = layout.Cell(cellId);
        var (rowKey, columnKey) = (cell.Row.Key, cell.Column.Key);
        var otherRowLabels = layout.Rows.Where(x => x.Key != rowKey).Select(x => x.Label).ToList();
        var rowFirm = snapped.Rows.Any(r => r.RowKey == rowKey && (r.Basis == MatchBasis.Label
            && (snapped.RowsAtTheirPlace || IsFirm(r.Similarity, r.ReadLabel, otherRowLabels))
            || (r.Basis is MatchBasis.Neighbours or MatchBasis.Position) && snapped.RowsAtTheirPlace
            && otherRowLabels.All(label => LabelSimilarity.Score(r.ReadLabel, label) < FirmLabelSimilarity)));
        // An active table's blocks share column keys (上一年项目数量 in three of them): the cell's own block's header places it.
        var columns = part.Columns.Where(c => c.ColumnKey == columnKey && (cell.Row.BlockKey is null || c.BlockKey == cell.Row.BlockKey)).ToList();
        bool FirmByLabel(ColumnMatch c) => c.Basis == MatchBasis.Label
            && IsFirm(c.Similarity, c.ReadHeader, layout.Blocks.Where(b => b.Key == c.BlockKey).SelectMany(b => b.Columns)
                .Where(x => x.Key != c.ColumnKey).Select(x => x.Label));
        var columnFirm = columns.Count > 0 && (snapped.ColumnsAtTheirPlace || part.ColumnsAtTheirPlace || columns.All(c => FirmByLabel(c) || c.AtItsPlace)
            || columns.All(c => c.Basis == MatchBasis.Position && (TheOneLeft(c) || WhereTheHeadReadIt(c))))
            || columns.Count == 0 && WhereOtherBlocksReadIt();
        return rowFirm && columnFirm;

        // A block whose column header row was not found puts its numbers in each row's order: firm where the blocks that read
        // the same column's header clearly have it start at that place too (a block of two columns spans the last two).
        bool WhereOtherBlocksReadIt()
        {
            var elsewhere = part.Columns.Where(c => c.ColumnKey == columnKey).ToList();
            return elsewhere.Count > 0 && elsewhere.All(FirmByLabel)
                && snapped.CellsById.GetValueOrDefault(cellId) is { } read
                && elsewhere.All(c => c.FirstLatticeColumn <= read.Cell.Column && read.Cell.Column <= c.LastLatticeColumn);
        }

        bool WhereTheHeadReadIt(ColumnMatch c) => headWithTheSameColumns is not null && headWithTheSameColumns.Columns.Any(h =>
            h.ColumnKey == c.ColumnKey && h.BlockKey == c.BlockKey && h.FirstLatticeColumn == c.FirstLatticeColumn
            && h.LastLatticeColumn == c.LastLatticeColumn && FirmByLabel(h));

        // A block's one column without a header of its own (two headers read as one over the columns of numbers; see
        // BlockTableSnapper) is the lattice column every other column, firmly placed by its label, left over.
        bool TheOneLeft(ColumnMatch c)
        {
            var block = layout.Blocks.FirstOrDefault(b => b.Key == c.BlockKey);
            var others = part.Columns.Where(o => o.BlockKey == c.BlockKey && o.ColumnKey != c.ColumnKey).ToList();
            return block is not null && others.Count == block.Columns.Count - 1 && others.All(FirmByLabel)
                && others.All(o => o.LastLatticeColumn < c.FirstLatticeColumn || o.FirstLatticeColumn > c.LastLatticeColumn);
        }
    }

    /// <summary>Below <see cref="FirmLabelSimilarity"/> a label still places firmly when it is this much closer to its own label than to any other.</summary>
    private const double FirmLabelMargin = 0.25;

    private const double LeastFirmLabelSimilarity = 0.6;

    /// <summary>
    /// A clearly read label, or one with a glyph misread (行政许叮 for 行政许可) that no other label of the table
    /// comes near: a row shifted by a missing rule reads another row's label, closer to that one than to its own.
    /// </summary>
    private static bool IsFirm(double similarity, string read, IEnumerable<string> otherLabels) =>
        similarity >= FirmLabelSimilarity
        || similarity >= LeastFirmLabelSimilarity
            && otherLabels.Select(label => LabelSimilarity.Score(read, label)).DefaultIfEmpty(0).Max() <= similarity - FirmLabelMargin;

    /// <summary>
    /// A reading of two numbers apart in one cell, a text height or more between them (see how the reader joins words): a rule
    /// between two columns or rows is missing there, and snapping did not split the cell, so the numbers run together into one
    /// (5 and 14 of 本年制发件数 and 本年废止件数 passed as 514 where the 本年废止件数 column was not found).
    /// </summary>
    private static bool NumbersStandApart(ReadCell read) =>
        read.Readings.Any(r => r.Method is ReadingMethod.Cell or ReadingMethod.Strip && r.Text.Trim() is var text
            && Enumerable.Range(1, Math.Max(0, text.Length - 2)).Any(i => char.IsWhiteSpace(text[i])
                && text[..i].Any(char.IsAsciiDigit) && text[(i + 1)..].Any(char.IsAsciiDigit)));

    /// <summary>Below this a reading is too weak to stand against the chosen value.</summary>
    private const double MoreDigitsReadingConfidence = 0.3;

    /// <summary>
    /// The engine drops digits (11 read as 1) far more often than it invents them, and a printed table may
    /// itself break an identity. So when one way read the cell with more digits, including all of the chosen
    /// value's, the identities picking the shorter value prove nothing: a person looks.
    /// </summary>
    private static bool AnotherReadingHasMoreDigits(ReadCell read, decimal? value)
    {
        if (value is not { } v) return false;
        var chosen = Digits(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return read.Readings.Any(r => r.Method is ReadingMethod.Cell or ReadingMethod.Strip
            && r.Confidence >= MoreDigitsReadingConfidence
            && Digits(r.Text) is var digits && digits.Length > chosen.Length && IsSubsequence(chosen, digits));

        static string Digits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());

        static bool IsSubsequence(string part, string whole)
        {
            var i = 0;
            foreach (var ch in whole)
            {
                if (i < part.Length && part[i] == ch) i++;
            }
            return i == part.Length;
        }
    }

    /// <summary>
    /// The cell's row was placed by a label read only in part. In a table found from its text alone, a lattice row may be one
    /// line of a wrapped label (申请人无正当理由逾期不补 alone, its numbers beside the next line): the label's row then takes
    /// that line's blanks and the next row its numbers, and every column's sum still holds, so no identity can tell.
    /// </summary>
    private static bool PlacedOnPartOfItsLabel(string cellId, SnappedTable snapped)
    {
        var row = snapped.Layout.Cell(cellId).Row;
        var label = LabelNormalizer.Normalize(row.Label);
        return snapped.Rows.Any(r => r.RowKey == row.Key && r.Basis == MatchBasis.Label && label.Length > 0
            && (double)LabelSimilarity.LongestCommonSubsequence(LabelNormalizer.Normalize(r.ReadLabel), label) / label.Length < WholeLabelShare);
    }

    /// <summary>
    /// A positive number where the layout allows a negative one, read from a bilevel scan: the cut can take a thin minus whole
    /// and leave the digits (f49c 0026: a -15 of 本年增/减 is 15 in the scan itself, read 15 at 0.97 both ways), and no
    /// identity checks such a cell. Only a reviewer, with the print or the report's other copies, can tell.
    /// </summary>
    private static bool SignMayBeCut(string cellId, decimal? value, TableLayout layout, ReadTable source) =>
        source.FromBilevelScan && value > 0 && layout.Cell(cellId).Kind == CellValueKind.SignedInteger;

    /// <summary>A label read whole shows this share of its characters at least (a glyph or two misread or lost).</summary>
    private const double WholeLabelShare = 0.7;

    /// <summary>
    /// Cells every one of whose identities holds with all its other cells read and settled: a sum checks a
    /// cell only when the other terms are themselves trustworthy (a weak blank read as 0 can close it by chance).
    /// </summary>
    private static HashSet<string> VerifiedCells(TableLayout layout, SnappedTable snapped, ReconciledTable solved)
    {
        var holds = solved.Identities.Where(i => i.Holds && !i.PublishedInconsistent).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var settled = solved.Cells
            .Where(c => c.Value is not null && c.Status is Statuses.Ok or Statuses.Corrected && snapped.CellsById.GetValueOrDefault(c.Id) is not null)
            .Select(c => c.Id)
            .ToHashSet(StringComparer.Ordinal);
        bool Checked(Identity identity) => holds.Contains(identity.Name) && identity.CellIds.All(settled.Contains);
        var byCell = layout.Identities.SelectMany(i => i.CellIds.Select(id => (id, i))).ToLookup(x => x.id, x => x.i);
        return layout.Cells.Select(c => c.Id).Where(id => byCell[id].Any() && byCell[id].All(Checked)).ToHashSet(StringComparer.Ordinal);
    }

    private TableResult Assemble(JoinedTable joined, SnappedTable snapped)
    {
        var source = joined.Parts[0].Source;
        var layout = snapped.Layout;
        var input = ReconciliationInput.FromLayout(layout, id =>
            snapped.CellsById.TryGetValue(id, out var cell) && cell is not null ? cell.Readings : null);
        var solved = reconciler.Reconcile(input);
        var verified = VerifiedCells(layout, snapped, solved);
        var fromText = joined.Parts.Any(p => p.Source.FromText);
        var cells = solved.Cells.Select(c =>
        {
            var read = snapped.CellsById.TryGetValue(c.Id, out var rc) ? rc : null;
            var part = read is null ? null : PartOf(joined, c.Id, read);
            // A cell not in the picture (a table cut over two pictures) cannot be vouched for; nor can one whose row or column
            // was placed without a clear label unless its identities check it.
            var held = read is null ? null
                : snapped.IdentifiedByShape ? Holds.IdentifiedByShape
                : !verified.Contains(c.Id) && !IsFirmlyPlaced(c.Id, snapped, part?.Table ?? snapped, HeadWithTheSameColumns(joined, part))
                    ? Holds.NotFirmlyPlaced
                : AnotherReadingHasMoreDigits(read, c.Value) ? Holds.DigitsMayBeLost
                : NumbersStandApart(read) ? Holds.NumbersStandApart
                : fromText && PlacedOnPartOfItsLabel(c.Id, snapped) ? Holds.PlacedOnPartOfItsLabel
                : SignMayBeCut(c.Id, c.Value, layout, part?.Source ?? source) ? Holds.SignMayBeCut
                : null;
            return new CellResult
            {
                Id = c.Id,
                Value = c.Value,
                Text = c.Text ?? read?.Text,
                Confidence = Math.Round(c.Confidence, 4),
                Status = read is null || held is not null ? Statuses.NeedsReview : c.Status,
                Held = held,
                // A Word table's cells are in no picture: they have no box.
                Box = read is null || read.SourceBox.IsEmpty ? null : [read.SourceBox.X, read.SourceBox.Y, read.SourceBox.Width, read.SourceBox.Height],
                Image = part?.Source.Image,
                Alternatives = c.Alternatives.Select(a => new AlternativeResult(a.Value, Math.Round(a.Confidence, 4))).ToList(),
                Readings = read is null ? null : ReadingResults.From(read.Readings),
            };
        }).ToList();
        var identities = solved.Identities.Select(i => new IdentityResult
        {
            Name = i.Name,
            Holds = i.Holds,
            PublishedInconsistent = i.PublishedInconsistent,
            LhsSum = i.LhsSum,
            RhsSum = i.RhsSum,
        }).ToList();
        var allSettled = cells.All(c => c.Status is Statuses.Ok or Statuses.Corrected or Statuses.Confirmed);
        return new TableResult
        {
            Layout = layout.Id,
            Image = source.Image,
            Rotation = source.Rotation,
            SkewDegrees = source.SkewDegrees,
            Status = allSettled ? Statuses.Ok : Statuses.NeedsReview,
            Cells = cells,
            Identities = identities,
            MissingRows = snapped.MissingRowKeys.Count > 0 ? snapped.MissingRowKeys : null,
            Parts = joined.IsJoined ? joined.Parts.Select(p => p.Source.Image).ToList() : null,
            Notes = snapped.Notes.Count > 0 ? snapped.Notes : null,
        };
    }

    /// <summary>The first part of a joined table, when the cell's part is a later one whose lattice columns line up with its.</summary>
    private static SnappedTable? HeadWithTheSameColumns(JoinedTable joined, SnapResult? part) =>
        part is not null && part != joined.Parts[0] && joined.Parts[0].Table is { } head
        && SameColumns(joined.Parts[0].Source.Lattice, part.Source.Lattice) ? head : null;

    /// <summary>
    /// Two parts of one table cut over pictures show the same columns: as many, each edge at the same share of the table's
    /// width (within <see cref="SameEdgeShare"/>), whatever each picture's scale. A rule one part lost, or a column only one
    /// shows, changes the count.
    /// </summary>
    private static bool SameColumns(Lattice a, Lattice b)
    {
        if (a.ColumnCount != b.ColumnCount || a.ColumnCount < 2) return false;
        double widthA = a.ColumnEdges[^1] - a.ColumnEdges[0], widthB = b.ColumnEdges[^1] - b.ColumnEdges[0];
        if (widthA <= 0 || widthB <= 0) return false;
        return a.ColumnEdges.Zip(b.ColumnEdges).All(e =>
            Math.Abs((e.First - a.ColumnEdges[0]) / widthA - (e.Second - b.ColumnEdges[0]) / widthB) <= SameEdgeShare);
    }

    private const double SameEdgeShare = 0.02;

    /// <summary>
    /// The part of a joined table the cell was read in (the first part where the joined cell is no part's own); null for a
    /// table that was not joined.
    /// </summary>
    private static SnapResult? PartOf(JoinedTable joined, string cellId, ReadCell read) =>
        !joined.IsJoined ? null
        : joined.Parts.FirstOrDefault(p => p.Table?.CellsById.GetValueOrDefault(cellId) is { } c && ReferenceEquals(c, read)) ?? joined.Parts[0];
}
