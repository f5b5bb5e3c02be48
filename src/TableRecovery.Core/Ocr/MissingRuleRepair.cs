using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;

namespace TableRecovery.Core.Ocr;

/// <summary>
/// Splits a cell that holds a row's label and the number beside it: the rule between them is missing in that row
/// (a scan lost it), so the lattice merged them, the row read as a label ending in digits (行政强制34) and matched no
/// layout row with a number. The split is made only where the rows above or below have a cell edge, no ink but a stub
/// of the rule crosses it, a number alone (one line of digits, a dash, or a lone 无) stands right of it, and the Chinese model
/// reads words left of it, or the whole as words then digits (a hard scan's garbled header or title row can pass the
/// ink tests). Likewise a block of the number area that lost rules merged across rows, and a column header merged with the
/// number under it (see <see cref="SplitRowsOfNumbers"/>).
/// </summary>
public static class MissingRuleRepair
{
    /// <summary>Digits are at most this tall beside Chinese glyphs of the same font (about 0.7 measured).</summary>
    private const double DigitsToGlyphs = 0.85;

    /// <param name="readLabel">The Chinese model's text of a cell's ink.</param>
    public static Lattice SplitLabelsFromNumbers(NormalizedImage image, Lattice lattice, Func<CellInk, string> readLabel)
    {
        var t = image.TextHeight;
        var cells = lattice.Cells.ToList();
        var changed = false;
        foreach (var cell in lattice.Cells.Where(c => c.RowSpan == 1 && c.ColumnSpan >= 2))
        {
            if (SplitEdge(image, lattice, cell, t, readLabel) is not { } edge) continue;
            var left = new LatticeCell(cell.Row, cell.Column, 1, edge - cell.Column,
                new PixelRect(cell.Box.X, cell.Box.Y, lattice.ColumnEdges[edge] - cell.Box.X, cell.Box.Height));
            var right = new LatticeCell(cell.Row, edge, 1, cell.LastColumn - edge + 1,
                new PixelRect(lattice.ColumnEdges[edge], cell.Box.Y, cell.Box.Right - lattice.ColumnEdges[edge], cell.Box.Height));
            var at = cells.IndexOf(cell);
            cells[at] = left;
            cells.Insert(at + 1, right);
            changed = true;
        }
        return changed ? lattice with { Cells = cells } : lattice;
    }

    /// <summary>
    /// Splits a cell of the number area that spans rows. The rules between those rows are missing over its columns (a
    /// faint scan lost them, often over two or three columns at once), so the lattice merged their numbers into one block,
    /// which nothing reads as numbers: no layout merges numbers across rows. A cell is split row by row only where every
    /// row it spans holds number cells beside it, every column it spans holds number cells above or below it, and its ink,
    /// row band by row band, is blank or one line that does not run into the next band (a label wrapped over the rows it
    /// spans runs across them). A header cell whose last row is a row of numbers is split off that row (see
    /// <see cref="HeaderOverItsNumber"/>).
    /// </summary>
    public static Lattice SplitRowsOfNumbers(NormalizedImage image, Lattice lattice, IReadOnlySet<LatticeCell> numeric)
    {
        var t = image.TextHeight;
        var single = numeric.Where(c => c.RowSpan == 1 && c.ColumnSpan == 1).ToList();
        var numberRows = single.Select(c => c.Row).ToHashSet();
        var numberColumns = single.Select(c => c.Column).ToHashSet();
        var cells = lattice.Cells.ToList();
        var changed = false;
        foreach (var cell in lattice.Cells.Where(c => c.RowSpan > 1))
        {
            if (HeaderOverItsNumber(image, lattice, cell, numberRows) is { } split)
            {
                Replace(cell, split);
                continue;
            }
            if (!Enumerable.Range(cell.Row, cell.RowSpan).All(numberRows.Contains)
                || !Enumerable.Range(cell.Column, cell.ColumnSpan).All(numberColumns.Contains))
            {
                continue;
            }
            var bands = Enumerable.Range(cell.Row, cell.RowSpan)
                .Select(r => new PixelRect(cell.Box.X, lattice.RowEdges[r], cell.Box.Width, lattice.RowEdges[r + 1] - lattice.RowEdges[r]))
                .ToList();
            var bandInks = bands.Select(b => CellInk.Measure(image.Binary, image.Width, image.Height, b, t)).ToList();
            if (!bandInks.Select((ink, i) => OneLineWithinItsBand(ink, first: i == 0, last: i == bands.Count - 1)).All(ok => ok))
            {
                continue;
            }
            Replace(cell, bands.Select((b, i) => new LatticeCell(cell.Row + i, cell.Column, 1, cell.ColumnSpan, b)));
        }
        if (!changed) return lattice;
        cells.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
        return lattice with { Cells = cells };

        void Replace(LatticeCell cell, IEnumerable<LatticeCell> parts)
        {
            var at = cells.IndexOf(cell);
            cells.RemoveAt(at);
            cells.InsertRange(at, parts);
            changed = true;
        }
    }

    /// <summary>
    /// A column header and the number under it, merged because the scan lost the rule under the headers over that column (an
    /// appeals table's 结果纠正 over its 0): the cell's last row is a row of numbers and its rows above are not, its last band
    /// holds one line of number-shaped ink clear of the band above, and the bands above hold the header's words. Split into
    /// the header (its rows above) and the number (its last row).
    /// </summary>
    private static LatticeCell[]? HeaderOverItsNumber(NormalizedImage image, Lattice lattice, LatticeCell cell, HashSet<int> numberRows)
    {
        if (!numberRows.Contains(cell.LastRow) || Enumerable.Range(cell.Row, cell.RowSpan - 1).Any(numberRows.Contains)) return null;
        var t = image.TextHeight;
        var edge = lattice.RowEdges[cell.LastRow];
        var header = new PixelRect(cell.Box.X, cell.Box.Y, cell.Box.Width, edge - cell.Box.Y);
        var number = new PixelRect(cell.Box.X, edge, cell.Box.Width, cell.Box.Bottom - edge);
        var numberInk = CellInk.Measure(image.Binary, image.Width, image.Height, number, t);
        var headerInk = CellInk.Measure(image.Binary, image.Width, image.Height, header, t);
        if (numberInk.IsBlank || !numberInk.LooksNumeric || numberInk.OnlySpecks || headerInk.IsBlank
            || !OneLineWithinItsBand(numberInk, first: false, last: true))
        {
            return null;
        }
        return [cell with { RowSpan = cell.RowSpan - 1, Box = header }, new LatticeCell(cell.LastRow, cell.Column, 1, cell.ColumnSpan, number)];
    }

    /// <summary>Blank, or one line clear of the band's edges where it meets the next band.</summary>
    private static bool OneLineWithinItsBand(CellInk ink, bool first, bool last)
    {
        if (ink.InkBox is not { } box) return true;
        if (ink.Lines != 1) return false;
        return (first || box.Y > ink.Interior.Y) && (last || box.Bottom < ink.Interior.Bottom);
    }

    private static int? SplitEdge(NormalizedImage image, Lattice lattice, LatticeCell cell, double t, Func<CellInk, string> readLabel)
    {
        var whole = CellInk.Measure(image.Binary, image.Width, image.Height, cell.Box, t);
        if (whole.InkBox is not { } ink) return null;
        var centred = Math.Abs(ink.CenterX - cell.Box.CenterX) <= Math.Max(t * 0.5, cell.Box.Width * CentredShare);
        for (var edge = cell.Column + 1; edge <= cell.LastColumn; edge++)
        {
            if (!EdgeInRowBeside(lattice, cell, edge)) continue;
            var x = lattice.ColumnEdges[edge];
            if (x <= ink.X || x >= ink.Right) continue;
            var leftInk = CellInk.Measure(image.Binary, image.Width, image.Height, new PixelRect(cell.Box.X, cell.Box.Y, x - cell.Box.X, cell.Box.Height), t);
            var rightInk = CellInk.Measure(image.Binary, image.Width, image.Height, new PixelRect(x, cell.Box.Y, cell.Box.Right - x, cell.Box.Height), t);
            if (leftInk.IsBlank || rightInk.IsBlank || leftInk.LooksNumeric || rightInk.Lines != 1) continue;
            // Only across the rows of the number: the rule of the next row runs a little into this one, a stub below or above
            // the number that is no glyph. A label's glyph crossing the edge elsewhere would make the right side more than a line.
            var number = rightInk.InkBox!.Value;
            var across = CellInk.InkAcross(image.Binary, image.Width, image.Height, x, number.Y, number.Bottom, t);
            // A thin upright run at the edge is what is left of the rule (a stub where the page cut it off), not a glyph; so is
            // a short narrow run at the top or bottom, the end of the rule beside running into the number's rows (行政许可 | 无
            // on a mild scan: 4 px by 7 of 28).
            if (!across.Parts(t) && !across.IsThin(t) && !EndOfTheRuleBeside(across, t, () => RuleWidthBeside(image, lattice, cell, x, t))) continue;
            // Text centred in the merged cell, with a narrow gap centred on the edge, is one text spaced wide over it: a group
            // header (行政 诉讼 over ten columns, a hard scan's noise garbling its halves into words beside a short "number"). A
            // label beside its number ends well before the edge or the number stands well after it (a label and a 0 each
            // centred in its column can make the whole centred, 5 text heights either side of the edge).
            int gapLeft = x - leftInk.InkBox!.Value.Right, gapRight = number.X - x;
            if (centred && Math.Max(gapLeft, gapRight) <= t * SpacedTextGap && Math.Abs(gapLeft - gapRight) <= t * 0.5) continue;
            // Words left: read alone, or read with the number (a short label such as 规章 can read as nothing alone).
            if ((IsNumber(rightInk, leftInk, t) || ReadAsDigits(readLabel(rightInk)) || edge == cell.LastColumn && IsNone(rightInk, x, t, readLabel))
                && (WordsFitting(readLabel(leftInk), leftInk, t) || WordsThenDigits(readLabel(whole))))
            {
                return edge;
            }
        }
        return null;
    }

    private static int ChineseGlyphs(string text) => text.Count(TableReader.IsChineseGlyph);

    /// <summary>
    /// Ink across the edge only at the top or bottom of the number's rows, half of them at most, and narrower than a glyph's
    /// stroke across the band, or no wider than the rule where it stands whole: a glyph crossing the edge crosses the whole
    /// band. A thick rule's end is as wide as a stroke: the 8 px rule beside 行政事业性收费 | 0 on a clean page (`generate
    /// --count 50 --seed 6161 --classes clean,mild`, 0029) ran a third of the way into the 0's rows, and the two were read
    /// as one cell, which no layout cell is.
    /// </summary>
    private static bool EndOfTheRuleBeside(EdgeInk across, double t, Func<int?> ruleWidth) =>
        across.AtAnEnd && across.Rows * 2 <= across.Height && (across.Columns <= t * RuleEndWidth || across.Columns <= ruleWidth());

    /// <summary>In text heights: the widest end of a rule (a 1.2 px rule scaled up and blurred is about 4 px at 30).</summary>
    private const double RuleEndWidth = 0.15;

    /// <summary>
    /// How wide the rule at <paramref name="x"/> is where it stands whole: across the middle of the nearest row above or
    /// below that has the edge (as wide as the band <see cref="CellInk.InkAcross"/> looks at, at most). Null where it is
    /// broken there too.
    /// </summary>
    private static int? RuleWidthBeside(NormalizedImage image, Lattice lattice, LatticeCell cell, int x, double t)
    {
        var inset = (int)(t * RowInset);
        foreach (var step in new[] { -1, 1 })
        {
            if (NearestRowWithColumns(lattice, cell.Row + step, step) is not { } row) continue;
            int top = lattice.RowEdges[row] + inset, bottom = lattice.RowEdges[row + 1] - inset;
            if (bottom <= top) continue;
            var across = CellInk.InkAcross(image.Binary, image.Width, image.Height, x, top, bottom, t);
            if (across.Rows == across.Height) return across.Columns;
        }
        return null;
    }

    /// <summary>In text heights: the ends of a row left out where the rule is measured, clear of the rules across it.</summary>
    private const double RowInset = 0.3;

    /// <summary>
    /// Two Chinese glyphs or more, read from ink with room for them, line by line: a Chinese glyph is about as wide as the
    /// text is tall. On a hard scan the Chinese model reads a lone digit as words (a 2 of 16 px as 中妈), which would pass a
    /// number cell merged with the next for a label beside its number.
    /// </summary>
    private static bool WordsFitting(string text, CellInk ink, double t) =>
        ChineseGlyphs(text) is var glyphs && glyphs >= 2 && ink.InkBox!.Value.Width * Math.Max(1, ink.Lines) >= glyphs * t * NarrowestGlyph;

    /// <summary>Of the text height: the narrowest a Chinese glyph with its spacing prints (a condensed font, 0.8 measured).</summary>
    private const double NarrowestGlyph = 0.6;

    /// <summary>Of the cell's width: how far off its middle centred text stands, at most.</summary>
    private const double CentredShare = 0.05;

    /// <summary>In text heights: the widest gap between two glyphs of one header spaced out over a group of columns.</summary>
    private const double SpacedTextGap = 1.5;

    /// <summary>
    /// The Chinese model reads the ink right of the edge as digits alone. Ink height alone cannot tell them there when the
    /// print blurs them as tall as the words beside them (行政处罚 84 on a mild JPEG: digits 24 px beside glyphs 28 px, 0.86),
    /// while the last glyph of a heading an edge cuts off (项) is as short as 0.85 of its line; no glyph of a heading reads
    /// as digits.
    /// </summary>
    private static bool ReadAsDigits(string text) => TableReader.IsDigitsOnly(text.Trim().TrimStart('-'));

    private static bool WordsThenDigits(string text)
    {
        var trimmed = text.Trim();
        var words = trimmed.TrimEnd("0123456789.-—".ToCharArray());
        return words.Length < trimmed.Length && ChineseGlyphs(words) >= 2;
    }

    /// <summary>
    /// A dash printed for zero, or one line of digits: not a speck of noise, not a taller run of words. Digits stand
    /// lower than Chinese glyphs: touching digits (34 in one piece) do not look like a number glyph by glyph, but they
    /// are still shorter than the words beside them.
    /// </summary>
    private static bool IsNumber(CellInk ink, CellInk label, double t)
    {
        if (ink.IsDash(t)) return ink.InkBox!.Value.Width >= t * 0.3; // a printed dash, not a flat speck
        var height = ink.InkBox!.Value.Height;
        var labelLine = label.InkBox!.Value.Height / (double)Math.Max(1, label.Lines);
        return height >= t * 0.45 && height <= t * 0.95 && (ink.LooksNumeric || height <= labelLine * DigitsToGlyphs);
    }

    /// <summary>
    /// One glyph the Chinese model reads as 无, or as one other glyph (a hard scan's 无 read as 光): a zero as a table printing
    /// its zeros so prints it, which no ink test tells from the end of a label (it is as tall as the words). Only alone in
    /// the cell's last column (the caller's test), and off the edge <paramref name="x"/> as a cell's content stands: the last
    /// glyph of a heading over the whole width (第二十条第（一）项) can stand past an edge beyond the wide space of a bracket.
    /// </summary>
    private static bool IsNone(CellInk ink, int x, double t, Func<CellInk, string> readLabel) =>
        ink.InkBox!.Value is var box && box.Width <= t * OneGlyphWidth && box.X - x >= t * OffTheEdge
        && TableReader.IsOneChineseGlyph(readLabel(ink));

    /// <summary>A Chinese glyph is about as wide as the text is tall; blur and a speck beside it widen it a little.</summary>
    private const double OneGlyphWidth = 1.4;

    /// <summary>Wider than the spacing of glyphs in a word (about a fifth of their height), as narrow as a cell's padding.</summary>
    private const double OffTheEdge = 0.4;

    /// <summary>
    /// The nearest row above or below that is not one cell across the whole table has a cell edge at this column edge: the
    /// rule exists there, and is missing here. A heading row across the table (第二十条第（六）项) says nothing of the columns,
    /// and a scan that lost a rule over two rows (a header row and its number row, then the heading) leaves no edge beside.
    /// </summary>
    private static bool EdgeInRowBeside(Lattice lattice, LatticeCell cell, int edge) =>
        new[] { -1, 1 }.Any(step => NearestRowWithColumns(lattice, cell.Row + step, step) is { } r
            && lattice.At(r, edge - 1) is { } a && lattice.At(r, edge) is { } b && a != b);

    private static int? NearestRowWithColumns(Lattice lattice, int row, int step)
    {
        for (; row >= 0 && row < lattice.RowCount; row += step)
        {
            if (lattice.At(row, 0) is not { } first || first.ColumnSpan < lattice.ColumnCount) return row;
        }
        return null;
    }
}
