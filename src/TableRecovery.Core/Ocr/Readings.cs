using TableRecovery.Core.Grid;

namespace TableRecovery.Core.Ocr;

/// <summary>How a reading was obtained; two readings of one cell by different ways are independent evidence.</summary>
public enum ReadingMethod
{
    /// <summary>The cell alone, digits model, single-line mode.</summary>
    Cell,
    /// <summary>The cell's column strip, upscaled, read in one pass.</summary>
    Strip,
    /// <summary>An alternative symbol from the choice iterator of another reading.</summary>
    Choice,
    /// <summary>A text layer or a Word table: no OCR at all.</summary>
    Text,
    /// <summary>The loops of a lone glyph (a zero's one tall loop) or its slant (a "/"), measured without the engine; given where the engine disagrees or missed it, and for a 0 it read.</summary>
    Shape,
    /// <summary>The glyphs matched against the table's own digits as the engine read them surely elsewhere (see <see cref="DigitTemplates"/>).</summary>
    Template,
    /// <summary>
    /// A minus the ink shows left of digits the engine read without one (a short or faint minus it dropped, or one blurred
    /// into the digit): the signed number. No reading of digits of its own; where a number may be signed, it signs the
    /// engine's readings of the same digits.
    /// </summary>
    Sign,
}

/// <summary>One reading of a cell's printed text with the engine's confidence (0..1).</summary>
public sealed record Reading(string Text, double Confidence, ReadingMethod Method);

/// <summary>A lattice cell with what was read in it.</summary>
/// <param name="Cell">The lattice cell (normalized image coordinates).</param>
/// <param name="Text">The best text of the cell: Chinese label text for label cells, digits for number cells.</param>
/// <param name="IsNumeric">The cell holds a number (or a printed zero such as "/", "-", "—", "无", or nothing).</param>
/// <param name="Readings">Distinct numeric readings, best first; empty for label cells.</param>
/// <param name="SourceBox">The cell's box in the input image's own pixel coordinates.</param>
public sealed record ReadCell(LatticeCell Cell, string Text, bool IsNumeric, IReadOnlyList<Reading> Readings, PixelRect SourceBox)
{
    /// <summary>
    /// How sure the Chinese model was of a label cell's text (mean word confidence, 0..1); 1 for text taken from a
    /// document's text layer or Word table. Garbage read from tiny or faint print scores low, clean text of any kind high.
    /// </summary>
    public double LabelConfidence { get; init; } = 1;

    /// <summary>
    /// For a number cell spanning lattice columns whose ink lies apart at their edges (a rule missing between the numbers
    /// of neighbouring columns): each column's part, read on its own, left to right; null otherwise. Splitting the cell
    /// among as many layout cells uses them before its text, so a part printed blank or as a dash keeps its place.
    /// </summary>
    public IReadOnlyList<ReadCell>? ColumnParts { get; init; }

    /// <summary>
    /// Not voted a number, and read blank from blank ink or a text layer's blank: a printed zero, should the layout put a
    /// number there. A label no engine could read carries no reading at all.
    /// </summary>
    public bool ShowsNothing => !IsNumeric && Readings.Count > 0 && string.IsNullOrEmpty(Text);
}

/// <summary>
/// A table as read from a picture, before it is matched to a layout: the lattice, every cell's text,
/// and the text printed above it (a section heading such as 三、收到和处理政府信息公开申请情况), if any.
/// </summary>
public sealed record ReadTable(
    string Image,
    Lattice Lattice,
    IReadOnlyList<ReadCell> Cells,
    string? HeadingHint,
    int Rotation,
    double SkewDegrees)
{
    /// <summary>Found from its text alone (its rules were lost): its rows are the page's lines of text, told apart by their gaps.</summary>
    public bool FromText { get; init; }

    /// <summary>Read from a bilevel scan, whose cut can take a thin stroke whole: a minus leaves no trace.</summary>
    public bool FromBilevelScan { get; init; }
}
