using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Ocr;

/// <summary>
/// Reads every cell of a detected table: number cells twice, independently (the cell alone, single-line
/// mode with per-symbol alternatives; and the column's cells stacked into one upscaled strip), label
/// cells and the heading above with the Chinese model.
/// </summary>
public sealed class TableReader
{
    private const double StripScale = 1.5;

    /// <param name="numbersByLayout">Lattice cells read as words before where the table's layout puts numbers: read as numbers.</param>
    public ReadTable Read(NormalizedImage image, CellInks cellInks, CropMaker crops, DetectedTable table, OcrEngine digits, LabelReader labelReader,
        string imageName, IReadOnlyCollection<LatticeCell>? numbersByLayout = null)
    {
        var t = image.TextHeight;
        var pad = CropMaker.PadFor(t);
        var lattice = MissingRuleRepair.SplitLabelsFromNumbers(image, table.Lattice, ink => labelReader.Read(ink, pad, t).Text);
        var inks = lattice.Cells.ToDictionary(c => c, c => cellInks.Of(c.Box));
        var numeric = NumericCellClassifier.Classify(lattice, inks, t);
        if (MissingRuleRepair.SplitRowsOfNumbers(image, lattice, numeric) is var split && split != lattice)
        {
            lattice = split;
            inks = lattice.Cells.ToDictionary(c => c, c => cellInks.Of(c.Box));
            numeric = NumericCellClassifier.Classify(lattice, inks, t);
        }

        var readings = new Dictionary<LatticeCell, List<Reading>>();
        var texts = new Dictionary<LatticeCell, string>();
        var printedNone = new HashSet<LatticeCell>();
        // The 无 the Chinese model read in their cells, to be read a second way.
        var readNones = new List<LatticeCell>();
        var smoothedBlank = new HashSet<LatticeCell>();
        foreach (var cell in lattice.Cells.Where(numeric.Contains))
        {
            var ink = inks[cell];
            if (ink.IsBlank)
            {
                readings[cell] = BlankReadings();
                texts[cell] = "";
                continue;
            }
            if (ink.LargestPiece < t * FaintInk.BrokenGlyph && crops.FaintInkAround(ink.InkBox!.Value, ink.Interior, t) is { } widened)
            {
                // The glyphs broke into specks, and the box of what survived cuts the faint rest off: every reading (cell,
                // strip, shape) takes the box over the glyphs the gray image shows.
                ink = ink with { InkBox = widened };
                inks[cell] = ink;
            }
            var dashAmongSpecks = false;
            if (ink.DashAmongSpecks(t) is { } stroke && crops.FaintGlyphBeside(stroke, ink.Interior, t) is null
                && crops.FaintInkAround(stroke, ink.Interior, t) is null)
            {
                // Pepper beside a printed dash: in the gray image nothing faint continues the stroke, so the specks are
                // the paper's, and the cell is read as the lone dash it holds.
                ink = ink.OnlyThe(stroke);
                inks[cell] = ink;
                dashAmongSpecks = true;
            }
            // A faint glyph above or below the stroke: its base (a 2) or its bar (a 7) alone binarized, no dash. Read as a
            // number, by the cell alone. (A dash among specks was just found with none.)
            var faintGlyph = !dashAmongSpecks && ink.IsLowLoneStroke(t) ? crops.FaintGlyphBeside(ink.InkBox!.Value, ink.Interior, t) : null;
            if (ink.IsDash(t) && faintGlyph is null)
            {
                (readings[cell], texts[cell]) = ReadDash(digits, crops, ink, pad, t);
                continue;
            }
            readings[cell] = cell.RowSpan > 1
                ? ReadStackedCell(digits, crops, image, lattice, cell, pad)
                : ReadNumberCell(digits, crops, ink.InkBox!.Value, pad, SeparationFor(cell, t));
            if (faintGlyph is { } side && readings[cell] is [{ Text: "-" }, ..])
            {
                readings[cell] = ReadFaintGlyph(digits, crops, ink, pad, t, side);
            }
            if (ink.IsLowLoneStroke(t) && faintGlyph is null && HyphenRead(readings[cell]) is { } dash)
            {
                // A hyphen too short to pass for flat (a small font's, scaled up and blurred) that the engine reads as one:
                // the engine and the low lone stroke agree, as for a flat one.
                (readings[cell], texts[cell]) = (DashReadings(dash), "-");
                continue;
            }
            texts[cell] = readings[cell].Count > 0 ? readings[cell][0].Text : "";
            AddSignedIfAMinusWasDropped(readings[cell], ink, crops, t);
            AddGlyphByGlyph(readings[cell], ink, digits, crops, pad, t);
            if (cellInks.VanishesWhenSmoothed(cell.Box))
            {
                readings[cell].Add(new Reading("", SmoothedBlankConfidence, ReadingMethod.Cell));
                smoothedBlank.Add(cell);
            }
            var weak = readings[cell].Count == 0 || readings[cell][0].Confidence < WeakDigitsConfidence;
            if (!ink.LooksNumeric && ink.Pieces > 2 || weak)
            {
                var (chinese, chineseConfidence) = labelReader.Read(ink.InkBox!.Value, pad);
                if (chinese.Contains('无'))
                {
                    // A Chinese glyph in a number cell is almost always 无 (a printed zero). Scan noise also breaks
                    // digits into many pieces, so 无 must be seen by the Chinese model; the digit readings stay
                    // as weak alternatives in case it was wrong.
                    readings[cell] = [new Reading("无", chineseConfidence, ReadingMethod.Cell), .. readings[cell].Select(r => r with { Confidence = r.Confidence * 0.3 })];
                    texts[cell] = "无";
                    printedNone.Add(cell);
                    if (NumberText.WithoutSpecks(chinese) == "无") readNones.Add(cell);
                }
                else if ((weak || ink.Lines > 1) && chineseConfidence >= WordsNotNumberConfidence && chinese.Count(IsChineseGlyph) >= 2)
                {
                    // Words the vote took for a number: a thin serif label (信息内容, 行政处罚) binarizes into narrow
                    // upright strokes that pass for digits, and a whole label column can be voted in. The digits
                    // engine sees nothing in them; the Chinese model reads words. Nor is ink of two lines a number, whatever
                    // the digits engine made of it: a header wrapped over two lines (上一年项目 / 数量, read 4 at 0.47 on a
                    // clean page, `generate --count 50 --seed 6262 --classes clean,mild`, 0008) made its block's header row
                    // a row of numbers, and the block's columns were placed by their neighbours alone.
                    numeric.Remove(cell);
                    readings.Remove(cell);
                    texts.Remove(cell);
                }
            }
        }
        var labels = new Dictionary<LatticeCell, string>();
        var labelConfidences = new Dictionary<LatticeCell, double>();
        foreach (var cell in lattice.Cells.Where(c => !numeric.Contains(c)))
        {
            var ink = inks[cell];
            var (label, labelConfidence) = ink.IsBlank ? ("", 0.0) : labelReader.Read(ink, pad, t);
            if (!ink.IsBlank && labelConfidence < WeakLabelConfidence && cellInks.BoxWithoutSpecks(cell.Box) is { } withoutSpecks
                && labelReader.Read(withoutSpecks, pad, ink.Lines == 1) is var reread
                && reread.Confidence > labelConfidence && reread.Text.Count(IsChineseGlyph) >= 2)
            {
                // A label whose crop specks of pepper noise widened reads as garble; from the box of its ink without them, words.
                (label, labelConfidence) = reread;
            }
            if (!ink.IsBlank && ink.Peppered && labelConfidence < WeakLabelConfidence
                && labelReader.ReadWithoutSpecks(ink, pad, t) is var clean && clean.Text.Count(IsChineseGlyph) >= 2
                && (clean.Confidence >= SureWithoutSpecks || clean.Confidence >= labelConfidence + ClearlyBetterWithoutSpecks))
            {
                // A label in pepper noise (a bilevel scan's) reads as garble, specks taken for glyphs; its strokes alone read words.
                // Only a sure or a clearly surer reading: whitening the specks can take a glyph's short strokes too, and the rest reads as other words.
                (label, labelConfidence) = clean;
            }
            labels[cell] = label;
            labelConfidences[cell] = labelConfidence;
            if (cell.RowSpan == 1 && NumberText.WithoutSpecks(label) == "无")
            {
                // A printed zero the vote missed, merged across columns or not (perhaps with a speck beside it read as a mark).
                numeric.Add(cell);
                readings[cell] = [new Reading("无", labelConfidence, ReadingMethod.Cell)];
                texts[cell] = "无";
                printedNone.Add(cell);
                readNones.Add(cell);
            }
            else if (cell.RowSpan == 1 && IsDigitsOnly(label))
            {
                // Digits the vote missed (a table printing most zeros as 无 leaves its number columns few digit
                // shapes to vote with; a number across merged columns whose row label happens to look numeric, or
                // whose thin strokes broke into pieces): read as numbers, both ways, like the voted ones.
                ReadAsMissedNumber(cell);
            }
        }
        ReadNonesStacked(readNones, inks, labelReader, readings, pad, t);
        var numberRows = numeric.Select(c => c.Row).ToHashSet();
        var firstNumberRow = numberRows.Count > 0 ? numberRows.Min() : 0;
        // Not a column of labels: one label taken for a number (行政强制 read blank) must not make it a number column,
        // or a short label read as one glyph (规章) becomes a guessed 无. Labels run to three glyphs or more; a 无 the
        // noise garbled reads as one or two.
        // Counted in rows that hold numbers only: an active table repeats its column headers above every block, and a sparse
        // one (most cells blank) has more of them in a column than numbers.
        var numberColumns = numeric.Select(c => c.Column).ToHashSet();
        numberColumns.ExceptWith(lattice.Cells
            .Where(c => c.ColumnSpan == 1 && !inks[c].IsBlank && numberRows.Contains(c.Row))
            .GroupBy(c => c.Column)
            .Where(g => g.Count(c => !numeric.Contains(c) && labels[c].Trim().Length >= LabelGlyphs) * 2 > g.Count())
            .Select(g => g.Key));
        var printsNone = printedNone.Count(c => readings[c] is [{ Text: "无", Confidence: >= SureNoneConfidence }, ..]) >= SureNonesOfATable;
        foreach (var cell in lattice.Cells.Where(c => !numeric.Contains(c) && c.RowSpan == 1 && c.ColumnSpan == 1
            && IsOneChineseGlyph(labels[c]) && numberRows.Contains(c.Row) && numberColumns.Contains(c.Column)).ToList())
        {
            // One Chinese glyph where a row and a column of numbers cross: in a table printing its zeros as 无, almost always
            // a 无 the noise made chi_sim read as another glyph; elsewhere as likely a digit chi_sim took for a glyph (a 4,
            // a 7, 94). A weak guess of 无 either way, never vouched for by itself; in a table with no sure 无, read both ways
            // as a number too, and so in any table when its ink has a number's shape (a clean 4 chi_sim took for a glyph, in
            // a table printing its other zeros 无: a 无 is as tall as the text and square).
            if (printsNone && !inks[cell].LooksNumeric)
            {
                numeric.Add(cell);
                readings[cell] = [new Reading("无", GuessedNoneConfidence, ReadingMethod.Cell)];
                texts[cell] = labels[cell];
                printedNone.Add(cell);
            }
            else
            {
                ReadAsMissedNumber(cell);
                readings[cell].Add(new Reading("无", GuessedNoneConfidence, ReadingMethod.Cell));
            }
        }
        // Until nothing more is found: a number found makes the next one right of it in its row "right of a number".
        for (var found = true; found;)
        {
            found = false;
            foreach (var cell in lattice.Cells.Where(c => !numeric.Contains(c) && c.RowSpan == 1 && inks[c].LooksNumeric && !inks[c].IsBlank
                && (c.ColumnSpan == 1 && lattice.Cells.Any(n => numeric.Contains(n) && n.Row == c.Row && n.LastColumn < c.Column)
                    || c.Column > 0 && numberColumns.Contains(c.Column) && labels[c].Trim().Length < LabelGlyphs && c.Row >= firstNumberRow)).ToList())
            {
                // Ink shaped like a number right of a number in its row, or in a column of numbers, which chi_sim read as a
                // glyph or two (a faint 3 as 了, 93 as 忆|, a lone 7 as 了): a number the votes missed (its column had too few
                // digit shapes to vote with, or its row, of an active table, holds only it), read both ways like the voted ones.
                // In a column of numbers, from the first row of them down: above it stand the headers, and a short one (其他, in two
                // lattice columns where a stub of rule split it) looks like a number too.
                ReadAsMissedNumber(cell);
                found = true;
            }
        }
        foreach (var cell in lattice.Cells.Where(c => !numeric.Contains(c) && c.RowSpan == 1 && c.ColumnSpan == 1 && !inks[c].IsBlank
            && labels[c].Trim().Length == 0 && c.Row >= firstNumberRow && numberRows.Contains(c.Row) && numberColumns.Contains(c.Column)).ToList())
        {
            // Ink where a row and a column of numbers cross that the ink vote did not take for a number and in which chi_sim
            // sees nothing (a blurred 446 of a mild scan): no label is written there; read as a number, both ways.
            ReadAsMissedNumber(cell);
        }
        foreach (var cell in lattice.Cells.Where(c => !numeric.Contains(c) && c.RowSpan == 1 && c.Column > 0 && !inks[c].IsBlank
            && WrittenWithoutWords(labels[c])
            && (Enumerable.Range(c.Column, c.ColumnSpan).Any(numberColumns.Contains) || lattice.Cells.Any(n => numeric.Contains(n) && n.Row == c.Row && n.LastColumn < c.Column)
                || c.ColumnSpan > 1 && lattice.Cells.Any(n => numeric.Contains(n) && n.Row != c.Row && n.Column == c.Column && n.ColumnSpan == c.ColumnSpan))
            && (numberRows.Contains(c.Row) || OnlyBesideItsLabel(lattice, inks, c))).ToList())
        {
            // What chi_sim read as Latin letters and digits (19 as "lv", 36 as "3n", 442.1245 as "和42.1245") where numbers
            // stand: the labels of these tables are Chinese words, so it is a number whose shapes the ink vote missed. Not
            // in a row of headers, which a hard scan garbles into Latin letters just as well. A cell over several lattice columns
            // stands where numbers do if any of them is a column of numbers (rules lost between an active table's columns), or
            // if a number of another row spans the same columns: where the rules are lost, a column's few single cells may all
            // read as words (二全, 作) and no longer count as a column of numbers.
            ReadAsMissedNumber(cell);
        }
        foreach (var cell in lattice.Cells.Where(c => !numeric.Contains(c) && c.RowSpan == 1 && c.ColumnSpan > 1 && c.Column > 0 && !inks[c].IsBlank
            && c.Row >= firstNumberRow && numberRows.Contains(c.Row)
            && (Enumerable.Range(c.Column, c.ColumnSpan).All(numberColumns.Contains) || NonesAndDigitsOnly(labels[c]))
            && InkApartAtEveryColumnEdge(image, lattice, c)).ToList())
        {
            // One cell over several columns of numbers whose ink lies apart at every column edge: numbers of neighbouring
            // columns that a rule missing in this row left in one cell, read by the Chinese model as words because a 无 is
            // among them ("1到入" for 1 | 无). Read as a number cell, column by column (see ReadColumnParts).
            ReadAsMissedNumber(cell);
        }
        foreach (var cell in lattice.Cells.Where(c => numbersByLayout?.Contains(c) == true && !numeric.Contains(c) && !inks[c].IsBlank).ToList())
        {
            // Where the layout snapped from the labels puts a number, words were read: ink no test took for a number (a
            // faint serif font broken into pieces, read by chi_sim as garble). Read as a number, both ways.
            ReadAsMissedNumber(cell);
        }
        foreach (var column in lattice.Cells.Where(c => numeric.Contains(c) && !inks[c].IsBlank && !inks[c].IsDash(t) && !printedNone.Contains(c)).GroupBy(c => c.Column))
        {
            ReadStrip(digits, crops, column.ToList(), inks, pad, t, readings);
        }
        foreach (var cell in lattice.Cells.Where(c => numeric.Contains(c) && !printedNone.Contains(c) && inks[c].IsBrokenSlash(t)))
        {
            // The line model reads a slash cut into dashes as a 1 or a 4, surely at times (a strip's 4 at 0.88), but no digit
            // breaks into such a line: the dashes are a reading of their own, as sure as a slash's stroke where the engine missed
            // it, and against a sure digit the two disagree for a reviewer or the identities to settle. On seven corpora no cell
            // printing a digit showed them.
            readings[cell].Insert(0, new Reading("/", SlashShapeConfidence, ReadingMethod.Shape));
        }
        foreach (var cell in lattice.Cells.Where(c => numeric.Contains(c) && !printedNone.Contains(c) && IsLoneGlyph(inks[c], t)))
        {
            // Measured at most once per cell, and only when a reading calls for it.
            var glyph = inks[cell].InkBox!.Value.Inflate(1, 1);
            var measured = new Lazy<GlyphShape?>(() => crops.Shape(glyph));
            var zeroLoop = new Lazy<bool>(() => measured.Value is { IsZero: true } || EnclosesAZeroLoop(crops, glyph, blurredOnly: true));
            if (SlashTheEngineMissed(measured, readings[cell]) is { } slash)
            {
                readings[cell].Insert(0, slash);
                continue;
            }
            if (SlashTheEngineTookForADigit(measured, readings[cell]) is { } slashToo)
            {
                readings[cell].Add(slashToo);
                continue;
            }
            if (OpenZeroTheEngineMissed(measured, readings[cell]) is { } openZero)
            {
                readings[cell].Add(openZero);
                continue;
            }
            if (OneTheEngineMissed(measured, readings[cell]) is { } one)
            {
                readings[cell].Add(one);
                continue;
            }
            if (UprightConfirmsOne(measured, readings[cell]) is { } upright)
            {
                readings[cell].Add(upright);
                continue;
            }
            if (ZeroTheEngineMissed(zeroLoop, readings[cell]) is { } missedZero)
            {
                readings[cell].Add(missedZero);
                continue;
            }
            if (LoopsSayZero(zeroLoop, readings[cell]) is { } shape)
            {
                // The engine's readings against the loops keep only a fraction of their confidence (see GlyphShape.IsZero).
                readings[cell] = [shape, .. readings[cell].Select(r => r.Method == ReadingMethod.Choice || r.Text.Trim() == shape.Text
                    ? r : r with { Confidence = r.Confidence * DisagreeingWithLoops })];
            }
            else if (LoopsConfirmZero(zeroLoop, readings[cell]) is { } confirmed)
            {
                readings[cell].Add(confirmed);
            }
        }

        foreach (var cell in lattice.Cells.Where(c => numeric.Contains(c) && !printedNone.Contains(c) && IsGlyphWithSpecks(inks[c], t)))
        {
            // A zero with specks beside it the cut kept as strokes: the engine reads the lot as a sure 9 or 6 (by cell at 0.91
            // and by strip at 0.84 in `generate --count 50 --seed 5101 --latin-font mixed` 0001, a small hard scan read at 1.8
            // times its size), and nothing else looks. Its loop says zero. Not as sure a measure as on a lone glyph (the
            // specks may join the largest piece), so the loop only disagrees: the cell goes to review, no reading is doubted.
            if (LoopsSayZero(new Lazy<bool>(() => EnclosesAZeroLoop(crops, inks[cell].InkBox!.Value.Inflate(1, 1))), readings[cell]) is { } shape)
            {
                readings[cell].Add(shape);
            }
        }
        var templates = ReadByTemplates(crops, lattice, numeric, inks, t, readings);
        DoubtReadingsShortOfTheirInk(lattice, numeric, inks, readings, templates, t);
        foreach (var cell in smoothedBlank.Where(c => numeric.Contains(c) && NothingButBlanks(readings[c])
            && (inks[c].InkBox!.Value.Height < t * SpecksAloneHeight || inks[c].ScatteredSpecks(t, SpecksTogether, SpecksAloneHeight))))
        {
            readings[cell] = [.. readings[cell].Select(r => r.Method == ReadingMethod.Cell && r.Text.Length == 0 ? r with { Confidence = Math.Max(r.Confidence, SpecksAloneBlankConfidence) } : r)];
        }

        if (image.FromBilevelScan)
        {
            var remnants = lattice.Cells.Where(c => numeric.Contains(c) && !printedNone.Contains(c) && IsRemnantOfACutGlyph(inks[c], t)
                && readings[c].All(r => r.Method == ReadingMethod.Choice || r.Text.Trim().All(ch => ch == '-'))).ToList();
            foreach (var cell in remnants)
            {
                // A bilevel cut takes the thin strokes of a glyph whole and leaves a speck or two of it (the flag of a sans 1,
                // the dots where a light serif 1 was thickest): the engine reads them as a dash or as nothing, surely. On a
                // clean bilevel page there is no noise to leave such ink; only the identities or a reviewer can say it was a
                // zero. Not the identities where another remnant shares the cell's row or column: the cut takes the same glyph
                // alike wherever the font prints it, and a sum of digits all cut to nothing holds on zeros (a row of 1, 1 and
                // their total 2 read as three dashes, `generate --count 40 --seed 4850 --bilevel mixed` 0023, its requests table
                // cut out: nine zeros passed). Such a cell carries no reading: its sums check nothing, and it goes to review.
                readings[cell] = !SidesOfAZero(inks[cell]) && remnants.Any(other => other != cell && SharesARowOrColumn(cell, other))
                    ? []
                    : [.. readings[cell].Select(r => r.Method == ReadingMethod.Choice ? r : r with { Confidence = Math.Min(r.Confidence, SmoothedBlankConfidence) })];
            }
        }

        // In a table found from its text alone, a row showing no ink beside its label may be no row of the table at all: a line
        // of a label wrapped beside another row's numbers that the rows were not told apart from (a hard bilevel page, bands of
        // specks between its lines: 申请人无正当理由逾期不补 took the blanks beside it, and its 2 and 4 went to the next row).
        var unsureBlankRows = table.FromText
            ? lattice.Cells.GroupBy(c => c.Row).Where(row => row.All(c => !numeric.Contains(c) || inks[c].IsBlank)).Select(row => row.Key).ToHashSet()
            : [];
        IReadOnlyList<Reading> BlankOf(LatticeCell cell) =>
            unsureBlankRows.Contains(cell.Row) ? [new Reading("", UnsureBlankConfidence, ReadingMethod.Cell)] : BlankReadings();
        foreach (var cell in lattice.Cells.Where(c => numeric.Contains(c) && inks[c].IsBlank && unsureBlankRows.Contains(c.Row)))
        {
            readings[cell] = [.. BlankOf(cell)];
        }

        var cells = new List<ReadCell>(lattice.Cells.Count);
        foreach (var cell in lattice.Cells)
        {
            var source = image.Transform.ToSource(cell.Box);
            if (numeric.Contains(cell))
            {
                var distinct = Distinct(readings[cell]);
                // A printed 无 too: two of them a rule lost between (无 | 无) read as one 无 in the merged cell.
                var parts = cell.RowSpan == 1 && cell.ColumnSpan > 1 && !inks[cell].IsBlank
                    ? ReadColumnParts(image, crops, lattice, cell, inks[cell], distinct, digits, labelReader, pad)
                    : null;
                cells.Add(new ReadCell(cell, texts[cell], true, distinct, source) { ColumnParts = parts });
            }
            else
            {
                // A blank cell outside the voted number cells (a row printing every zero as a blank has nothing
                // to vote with) carries what a blank number cell would, should the layout put a number there.
                IReadOnlyList<Reading> blank = inks[cell].IsBlank ? BlankOf(cell) : [];
                cells.Add(new ReadCell(cell, labels[cell], false, blank, source) { LabelConfidence = labelConfidences[cell] });
            }
        }
        var heading = ReadHeading(image, table.HeadingBand, labelReader, t);
        return new ReadTable(imageName, lattice, cells, heading, image.Transform.RotationDegrees, Math.Round(image.Transform.SkewDegrees, 2))
        {
            FromText = table.FromText,
            FromBilevelScan = image.FromBilevelScan,
        };

        // A cell the ink vote did not take for a number but a later test did: read both ways like the voted ones.
        void ReadAsMissedNumber(LatticeCell cell)
        {
            numeric.Add(cell);
            readings[cell] = ReadNumberCell(digits, crops, inks[cell].InkBox!.Value, pad, SeparationFor(cell, t));
            AddSignedIfAMinusWasDropped(readings[cell], inks[cell], crops, t);
            AddGlyphByGlyph(readings[cell], inks[cell], digits, crops, pad, t);
            texts[cell] = readings[cell].Count > 0 && readings[cell][0].Text.Length > 0 ? readings[cell][0].Text : labels[cell];
        }
    }

    private const double DashAgreementConfidence = 0.9;

    /// <summary>Cell and strip agreeing this surely on a number (or a lone slash) make its glyphs samples of the table's digits.</summary>
    private const double SureSampleConfidence = 0.75;

    /// <summary>
    /// A third reading of every single number cell, and of a merged one holding one short number: its glyphs against the
    /// digits of this table's sure numbers, or its whole ink against the 无 the Chinese model read surely (see
    /// <see cref="DigitTemplates"/>).
    /// </summary>
    /// <returns>The table's digits as its sure numbers show them, to measure the ink of the others by.</returns>
    private static DigitTemplates ReadByTemplates(CropMaker crops, Lattice lattice, HashSet<LatticeCell> numeric,
        Dictionary<LatticeCell, CellInk> inks, double t, Dictionary<LatticeCell, List<Reading>> readings)
    {
        var inked = lattice.Cells.Where(c => numeric.Contains(c) && !inks[c].IsBlank && !inks[c].IsDash(t) && readings.ContainsKey(c)).ToList();
        var single = inked.Where(c => c.RowSpan == 1 && c.ColumnSpan == 1).ToList();
        var sure = single
            .Select(c => (Ink: inks[c].InkBox!.Value, Text: SureDigits(readings[c])))
            .Where(s => s.Text is not null)
            .Select(s => (s.Ink, s.Text!));
        var templates = crops.DigitTemplates(sure);
        if (templates.KnownDigits == 0) return templates;
        // A merged number cell is read too where its ink is one short number: the layout merges the cells of a row no identity
        // checks (active-2019's 本年增/减 of fees, 采购总金额), where the engine's reading alone would decide (a hard scan's
        // 0 read 9 by cell and strip, 0.87 and 0.95, passed). Wider ink may be two numbers a lost rule put in one cell, whose
        // glyphs would read as one number.
        var merged = inked.Where(c => (c.RowSpan > 1 || c.ColumnSpan > 1) && inks[c].InkBox!.Value.Width <= t * ShortNumberWidth);
        foreach (var cell in single.Concat(merged))
        {
            // A template reading naming every glyph of touching digits the engine read short stands beside its readings.
            if (templates.Read(inks[cell].InkBox!.Value, out var splitTouching) is { } reading
                && (AsLongAsARead(reading, readings[cell]) || splitTouching > 0 && LongerThanEveryRead(reading, readings[cell])))
            {
                readings[cell].Add(reading);
            }
        }
        return templates;
    }

    private const double ShortReadingConfidence = 0.5;

    /// <summary>In text heights: as wide as a number of two or three digits, well short of two numbers a column apart.</summary>
    private const double ShortNumberWidth = 1.5;

    /// <summary>
    /// Engine readings with fewer digits than the cell's ink holds: the line model dropped a digit, and cell and strip drop the
    /// same one. As likely wrong as right, so they are no surer than <see cref="ShortReadingConfidence"/>, and the identities
    /// may infer or pick the longer value (the templates' reading, where they can name every glyph) rather than take the
    /// printed table for broken, or a sum a copy holds for proof. The ink tells it two ways:
    /// <list type="bullet">
    /// <item>touching digits cut by the table's digit width (see <see cref="DigitTemplates.CutGlyphCount"/>), counted
    /// whether or not the templates can name them all: 32 read as 2, 544484 as 44484;</item>
    /// <item>ink wider than the digits read (see <see cref="TooWideForItsDigits"/>), a lone digit measured by the table's own
    /// digits where its sure numbers show their width: a mild page's small touching 53 (1.1 of its height wide, where the
    /// table's digits are 0.65) read 3 by both, 0.84 and 0.67, in 自然人 and in 总计 alike, and the row's sum held on the two
    /// 3s: it passed.</item>
    /// </list>
    /// A minus the engine dropped has its own reading.
    /// </summary>
    private static void DoubtReadingsShortOfTheirInk(Lattice lattice, HashSet<LatticeCell> numeric, Dictionary<LatticeCell, CellInk> inks,
        Dictionary<LatticeCell, List<Reading>> readings, DigitTemplates templates, double t)
    {
        // The table's own digit width only for one digit alone: two digits' spacing and a minus's width vary more by font than
        // the digits do (a bench page's -18 and 36 went to review by it), and the generic bound holds there.
        var oneDigitWidth = Math.Min(DigitWidthShare, templates.DigitAspect ?? DigitWidthShare);
        foreach (var cell in lattice.Cells.Where(c => numeric.Contains(c) && c.RowSpan == 1 && c.ColumnSpan == 1 && inks[c].InkBox is not null))
        {
            if (!readings.TryGetValue(cell, out var read)) continue;
            var ink = inks[cell].InkBox!.Value;
            var glyphs = inks[cell].IsBlank || inks[cell].IsDash(t) ? 0 : templates.CutGlyphCount(ink);
            for (var i = 0; i < read.Count; i++)
            {
                if (read[i] is { Method: ReadingMethod.Cell or ReadingMethod.Strip } r && r.Text.Count(char.IsAsciiDigit) is > 0 and var digits
                    && (digits < glyphs || TooWideForItsDigits(r.Text, ink, r.Text.Trim() is [_] ? oneDigitWidth : DigitWidthShare)))
                {
                    read[i] = r with { Confidence = Math.Min(r.Confidence, ShortReadingConfidence) };
                }
            }
        }
    }

    /// <summary>
    /// The templates tell which digits a number's glyphs are, not how many there are: a thin 0 whose hairlines
    /// fade splits into two strokes that each look like a 1. So their reading stands only beside a reading of as
    /// many digits, or, where the engine saw nothing, as one glyph.
    /// </summary>
    private static bool AsLongAsARead(Reading template, List<Reading> readings)
    {
        var lengths = readings
            .Where(r => r.Method is ReadingMethod.Cell or ReadingMethod.Strip or ReadingMethod.Shape && r.Confidence >= NegligibleReadConfidence)
            .Select(r => r.Text.Count(char.IsAsciiDigit))
            .ToList();
        return lengths.Contains(template.Text.Length) || lengths.All(l => l == 0) && template.Text.Length == 1;
    }

    /// <summary>
    /// A reading this unsure says nothing of how many digits the ink holds: a strip read a hard scan's faint 0 as "11" at
    /// 0.01, which kept the templates' 0 from standing beside it once the cell's own reading came back empty.
    /// </summary>
    private const double NegligibleReadConfidence = 0.05;

    /// <summary>
    /// Touching digits the templates cut apart by the table's digit width: the engine drops one of them (32 read as 2,
    /// cell and strip alike), so their reading stands beside shorter ones, as the candidate the identities can pick.
    /// </summary>
    private static bool LongerThanEveryRead(Reading template, List<Reading> readings) =>
        readings.Where(r => r.Method is ReadingMethod.Cell or ReadingMethod.Strip).All(r => r.Text.Count(char.IsAsciiDigit) < template.Text.Length);

    private static string? SureDigits(List<Reading> readings)
    {
        if (readings is [{ Text: DigitTemplates.None, Method: ReadingMethod.Cell, Confidence: >= SureNoneConfidence }, ..])
        {
            return DigitTemplates.None;
        }
        if (readings.Any(r => r.Method == ReadingMethod.Shape && r.Text == "0")
            && EngineRead(readings, "0", ShapeConfirmation))
        {
            // A zero the loops confirm is as sure as two engine readings agreeing (see LoopsConfirmZero): in a blurred
            // table whose zeros the engine reads only fairly, the zeros are then known glyphs too.
            return "0";
        }
        var cell = readings.FirstOrDefault(r => r.Method == ReadingMethod.Cell && r.Confidence >= SureSampleConfidence);
        return cell is not null && DigitTemplates.IsNumberOrSlash(cell.Text)
            && readings.Any(r => r.Method == ReadingMethod.Strip && r.Text == cell.Text && r.Confidence >= SureSampleConfidence)
            ? cell.Text
            : null;
    }

    /// <summary>
    /// The 无 read in their cells, read again stacked (a few at a time) with the Chinese model: a second way, as the strip is
    /// for digits. Read only in its cell, a 无 had no reading to agree with, and where no sum checks it (an active table) it
    /// went to review however surely it read: 42 such cells over eleven corpora (bench150, n41, n51, c61, c62, w47, s34,
    /// q43, q45, q53, q63), every one right, read at 0.90 or more.
    /// </summary>
    private static void ReadNonesStacked(List<LatticeCell> nones, Dictionary<LatticeCell, CellInk> inks, LabelReader labelReader,
        Dictionary<LatticeCell, List<Reading>> readings, int pad, double t)
    {
        foreach (var chunk in nones.Chunk(NonesPerStack))
        {
            var read = labelReader.ReadStacked(chunk.Select(c => inks[c].InkBox!.Value).ToList(), pad, (int)t);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (NumberText.WithoutSpecks(read[i].Text) == "无") readings[chunk[i]].Add(new Reading("无", read[i].Confidence, ReadingMethod.Strip));
            }
        }
    }

    /// <summary>At most this many lines to one stack: block mode's layout analysis stays with short pages.</summary>
    private const int NonesPerStack = 24;

    /// <summary>A table with this many 无 read surely prints its zeros as 无.</summary>
    private const int SureNonesOfATable = 2;

    /// <summary>The Chinese model this sure of a lone 无 makes its glyph a sample of the table's 无 (it has no second reading to agree with).</summary>
    private const double SureNoneConfidence = 0.9;

    /// <summary>How far a zero's loop is trusted against the engine.</summary>
    private const double ShapeConfidence = 0.9;

    private const double DisagreeingWithLoops = 0.3;

    private static bool IsLoneGlyph(CellInk ink, double t) =>
        ink.InkBox is { } box && ink.Pieces <= 2 && box.Width <= box.Height && box.Height >= t * 0.4 && !ink.IsDash(t);

    /// <summary>As <see cref="IsLoneGlyph"/>, but of three pieces: a glyph and specks the cut kept as strokes, or a glyph in pieces.</summary>
    private static bool IsGlyphWithSpecks(CellInk ink, double t) =>
        ink.InkBox is { } box && ink.Pieces == 3 && box.Width <= box.Height && box.Height >= t * 0.4;

    /// <summary>The glyph's largest piece encloses a zero's loop at one of the cuts (see <see cref="GlyphShape.IsZero"/>).</summary>
    private static bool EnclosesAZeroLoop(CropMaker crops, PixelRect glyph, bool blurredOnly = false) =>
        !blurredOnly && crops.Shape(glyph) is { IsZero: true }
        || crops.Shape(glyph, GlyphShape.BlurredInkShare) is { IsZero: true }
        || crops.Shape(glyph, GlyphShape.BlurredInkShare, closeGaps: true) is { IsZero: true };

    /// <summary>
    /// A "/" the engine read as nothing or only weakly: a blot at its foot, or blur, hides it from the line model.
    /// </summary>
    private static Reading? SlashTheEngineMissed(Lazy<GlyphShape?> shape, List<Reading> readings)
    {
        var engineSure = readings.Any(r => r.Method is ReadingMethod.Cell or ReadingMethod.Strip && r.Text.Trim().Length > 0 && r.Confidence >= 0.5);
        return !engineSure && shape.Value is { Slash: true }
            ? new Reading("/", SlashShapeConfidence, ReadingMethod.Shape)
            : null;
    }

    private const double SlashShapeConfidence = 0.85;

    /// <summary>
    /// A "/" slanted like the stem of a 7 or a 1: cell and strip both read a sure 7 where a curled appeals scan printed a
    /// slash for zero, in 总计 (and 其他 beside it read 7 too); the sum held on the two 7s, and two ways agreeing vouched for
    /// the copy (flagged only because a header of that table read badly; read well, as in a trial, the 7 passed). The shape,
    /// read the other way, leaves the two ways no agreement to stand on.
    /// </summary>
    private static Reading? SlashTheEngineTookForADigit(Lazy<GlyphShape?> shape, List<Reading> readings) =>
        readings.Any(r => r.Method is ReadingMethod.Cell or ReadingMethod.Strip && r.Text.Trim() is "7" or "1")
        && !readings.Any(r => r.Method is ReadingMethod.Cell or ReadingMethod.Strip && r.Text.Trim() is var x && x.Length > 0 && x is not ("7" or "1"))
        && shape.Value is { Slash: true }
            ? new Reading("/", SlashTakenForADigitConfidence, ReadingMethod.Shape)
            : null;

    private const double SlashTakenForADigitConfidence = 0.5;

    /// <summary>
    /// A lone thin upright stroke the engine read as nothing, by cell (every retry) and by strip: a faint or blurred 1 is
    /// the glyph it most often loses on a hard scan. Its shape alone is a candidate, not a reading to vouch for.
    /// </summary>
    private static Reading? OneTheEngineMissed(Lazy<GlyphShape?> shape, List<Reading> readings)
    {
        var engineSawDigits = readings.Any(r => r.Method is ReadingMethod.Cell or ReadingMethod.Strip && r.Text.Any(char.IsAsciiDigit));
        return !engineSawDigits && shape.Value is { Upright: true }
            ? new Reading("1", OneShapeConfidence, ReadingMethod.Shape)
            : null;
    }

    private const double OneShapeConfidence = 0.5;

    /// <summary>
    /// A lone 1 the engine read that the glyph's shape confirms: one plumb, thin stroke through its middle half (see
    /// <see cref="GlyphShape.Upright"/>). A witness that does not share the line model's doubts about a lone glyph, whose
    /// strip reading of a 1 scores 0.6–0.8 where its cell reading scores 0.95: an active table's 1s, which no identity
    /// checks, went to review for that alone.
    /// </summary>
    private static Reading? UprightConfirmsOne(Lazy<GlyphShape?> shape, List<Reading> readings)
    {
        return EngineRead(readings, "1", ShapeConfirmation) && shape.Value is { Upright: true } ? new Reading("1", OneShapeConfidence, ReadingMethod.Shape) : null;
    }

    /// <summary>The cell or the strip read exactly this, at least this surely.</summary>
    private static bool EngineRead(List<Reading> readings, string text, double atLeast = 0) =>
        readings.Any(r => r.Method is ReadingMethod.Cell or ReadingMethod.Strip && r.Text.Trim() == text && r.Confidence >= atLeast);

    /// <summary>
    /// A zero whose hairlines the scan's cut took (a U, or two facing arcs; see <see cref="GlyphShape.IsOpenZero"/>) that the
    /// engine read as nothing or no digit it trusts: the digit whitelist has no U, and the arcs alone look like 1s to it.
    /// </summary>
    private static Reading? OpenZeroTheEngineMissed(Lazy<GlyphShape?> shape, List<Reading> readings)
    {
        var engineSure = readings.Any(r => r.Method is ReadingMethod.Cell or ReadingMethod.Strip && r.Text.Any(char.IsAsciiDigit) && r.Text.Trim() != "0" && r.Confidence >= 0.5);
        return !engineSure && shape.Value is { OpenZero: true }
            ? new Reading("0", OpenZeroConfidence, ReadingMethod.Shape)
            : null;
    }

    private const double OpenZeroConfidence = 0.8;

    /// <summary>
    /// A zero with its loop whole that the engine read as nothing, by cell and by strip: a blurred or specked 0 on a hard
    /// scan the line model drops (its blank reading scores 0.2). The loops are a witness of their own.
    /// </summary>
    private static Reading? ZeroTheEngineMissed(Lazy<bool> zeroLoop, List<Reading> readings)
    {
        var engineSawDigits = readings.Any(r => r.Method is ReadingMethod.Cell or ReadingMethod.Strip && r.Text.Any(char.IsAsciiDigit));
        return !engineSawDigits && zeroLoop.Value ? new Reading("0", OpenZeroConfidence, ReadingMethod.Shape) : null;
    }

    /// <summary>
    /// A lone digit other than 0 whose loops say 0: a speck on a zero's outline makes the line model read a
    /// confident 6, 9, 8 or 2 (0.95), by cell and by strip alike. The shape's reading competes.
    /// </summary>
    private static Reading? LoopsSayZero(Lazy<bool> zeroLoop, List<Reading> readings)
    {
        var disagree = readings.Any(r => r.Method is ReadingMethod.Cell or ReadingMethod.Strip && r.Text.Trim() is [>= '1' and <= '9']);
        return disagree && zeroLoop.Value
            ? new Reading("0", ShapeConfidence, ReadingMethod.Shape)
            : null;
    }

    /// <summary>
    /// A lone 0 the engine read that the loops confirm: a witness that does not share the line model's failures, for
    /// the zeros it reads only fairly (0.5–0.8, a bold or blurred 0), which no pair of engine readings can vouch for.
    /// </summary>
    private static Reading? LoopsConfirmZero(Lazy<bool> zeroLoop, List<Reading> readings) =>
        EngineRead(readings, "0") && zeroLoop.Value ? new Reading("0", ShapeConfidence, ReadingMethod.Shape) : null;

    /// <summary>An engine reading of 0 this sure, with the loops confirming it, makes the glyph a sample of the table's 0.</summary>
    private const double ShapeConfirmation = 0.5;

    /// <summary>Digits read this unsure may be a 无 that looks like a digit to the ink measure (the engine reads it 7).</summary>
    private const double WeakDigitsConfidence = 0.3;

    private const double GuessedNoneConfidence = 0.3;

    private const int LabelGlyphs = 3;

    /// <summary>The row holds ink only in this cell and its first column (an active table's 行政处罚 | its count).</summary>
    private static bool OnlyBesideItsLabel(Lattice lattice, Dictionary<LatticeCell, CellInk> inks, LatticeCell cell) =>
        lattice.Cells.Where(n => n.Row == cell.Row && n != cell && !inks[n].IsBlank).Select(n => n.Column).SequenceEqual([0]);

    /// <summary>
    /// Only 无 and digits, with what separates them (无|无): the numbers of an appeals table's one data row, whose columns
    /// hold no other number to count them as columns of numbers by.
    /// </summary>
    private static bool NonesAndDigitsOnly(string text)
    {
        static bool Written(char ch) => ch == '无' || char.IsAsciiDigit(ch);
        return text.Any(Written) && text.All(ch => Written(ch) || char.IsWhiteSpace(ch) || ch is '|' or '.' or '-' or ',');
    }

    /// <summary>Text with at most one Chinese glyph among four or more other characters, or none: not a label of these tables.</summary>
    private static bool WrittenWithoutWords(string text)
    {
        var trimmed = text.Trim();
        var chinese = trimmed.Count(IsChineseGlyph);
        return trimmed.Length > 0 && (chinese == 0 || chinese == 1 && trimmed.Length >= 4);
    }

    /// <summary>One Chinese glyph, with perhaps a speck of the scan beside it read as a mark (到., 死-, 泡:).</summary>
    internal static bool IsOneChineseGlyph(string text) => NumberText.WithoutSpecks(text) is [var ch] && IsChineseGlyph(ch);

    internal static bool IsChineseGlyph(char ch) => ch >= '\u4e00' && ch <= '\u9fff';

    /// <summary>How sure the Chinese model must be of two or more glyphs in a cell voted a number to take it for words.</summary>
    private const double WordsNotNumberConfidence = 0.4;

    internal static bool IsDigitsOnly(string text) =>
        NumberText.WithoutStrayMarks(text) is { Length: > 0 } t && char.IsAsciiDigit(t[0]) && t.All(ch => char.IsAsciiDigit(ch) || ch is ',' or '.');

    /// <summary>
    /// A minus the engine may have dropped (a mark before the ink, one digit read from ink about as wide as tall, a flat
    /// stroke left of it): a <see cref="ReadingMethod.Sign"/> reading, which signs the engine's readings where the number may
    /// be signed; in a peppered cell, a signed reading that only competes with them, so a reviewer decides.
    /// </summary>
    private static void AddSignedIfAMinusWasDropped(List<Reading> readings, CellInk ink, CropMaker crops, double t)
    {
        if (readings is not [{ Text: [>= '0' and <= '9', ..] } best, ..]) return;
        var minus = ink.MarkBeforeInk || TooWideForOneDigit(best.Text, ink.InkBox!.Value) ? MinusSighting.Clear : crops.LookForMinus(ink.InkBox!.Value, ink.Interior, t);
        if (minus == MinusSighting.None) return;
        // In a peppered cell the mark may be noise, and a stroke among other ink may be another's: a weaker reading of its
        // own, to doubt the engine's, not to sign it.
        readings.Add(ink.Peppered || minus == MinusSighting.AmongOtherInk
            ? new Reading("-" + best.Text.Trim(), best.Confidence * 0.9, ReadingMethod.Cell)
            : new Reading("-" + best.Text.Trim(), best.Confidence, ReadingMethod.Sign));
    }

    /// <summary>
    /// The cell read glyph by glyph where its ink shows more glyphs apart than the engine read digits: the line model drops a
    /// digit with confidence (a 14 read as 4, an 11 as 1), most often a narrow 1 beside another glyph, and no scale brings it
    /// back. Each glyph alone, in single-character mode, reads; the digits so read, in order, are a <see cref="ReadingMethod.Choice"/>
    /// of the cell, never above <see cref="GlyphByGlyphConfidence"/>: the engine's own reading stands against it, and the
    /// identities or a reviewer decide.
    /// </summary>
    private static void AddGlyphByGlyph(List<Reading> readings, CellInk ink, OcrEngine digits, CropMaker crops, int pad, double t)
    {
        if (readings is not [{ Method: ReadingMethod.Cell } read, ..] || read.Text.Contains('.') || read.Text.Contains(' ')) return;
        var digitsRead = read.Text.Count(char.IsAsciiDigit);
        if (digitsRead == 0) return;
        var glyphs = GlyphsApart(ink, t);
        if (glyphs.Count <= digitsRead || glyphs.Count > MaxGlyphsReadAlone) return;
        var text = new System.Text.StringBuilder(read.Text.StartsWith('-') ? "-" : "");
        var confidence = GlyphByGlyphConfidence;
        foreach (var glyph in glyphs)
        {
            using var crop = crops.Padded(glyph.Inflate(2, 2), pad);
            var words = digits.Recognize(crop, PageSegmentation.SingleCharacter);
            if (words is not [{ Text: [var digit] } word] || !char.IsAsciiDigit(digit) || word.Confidence < SureGlyphConfidence) return;
            text.Append(digit);
            confidence = Math.Min(confidence, word.Confidence);
        }
        var composed = text.ToString();
        if (readings.Any(r => r.Text == composed)) return;
        readings.Add(new Reading(composed, confidence, ReadingMethod.Choice));
    }

    /// <summary>
    /// The glyphs of the ink that stand apart, left to right: pieces at least half the text height tall, those above one
    /// another (the parts of a glyph a faint scan broke) taken together. A minus, a point and specks are lower.
    /// </summary>
    private static List<PixelRect> GlyphsApart(CellInk ink, double t)
    {
        var glyphs = new List<PixelRect>();
        foreach (var piece in ink.PieceBoxes.Where(p => p.Height >= t * TallGlyphShare).OrderBy(p => p.X))
        {
            if (glyphs.Count > 0 && glyphs[^1] is var last
                && Math.Min(last.Right, piece.Right) - Math.Max(last.X, piece.X) > Math.Min(last.Width, piece.Width) / 2)
            {
                int x0 = Math.Min(last.X, piece.X), y0 = Math.Min(last.Y, piece.Y);
                glyphs[^1] = new PixelRect(x0, y0, Math.Max(last.Right, piece.Right) - x0, Math.Max(last.Bottom, piece.Bottom) - y0);
            }
            else
            {
                glyphs.Add(piece);
            }
        }
        return glyphs;
    }

    private const double TallGlyphShare = 0.5, GlyphByGlyphConfidence = 0.5, SureGlyphConfidence = 0.5;

    private const int MaxGlyphsReadAlone = 8;

    /// <summary>
    /// One digit read from ink about as wide as tall: something printed touches it, in a number column most likely a minus
    /// blurred into the digit (-6 read as 6). A digit's ink is about 0.6 of its height (0.75 for a bold 4, blurred); with a
    /// minus stuck to it, as wide as tall (a -8 of 26×26 px beside lone 8s of 16×26).
    /// </summary>
    private static bool TooWideForOneDigit(string text, PixelRect ink) => text.Length == 1 && text != "0" && ink.Width >= ink.Height * OneDigitMaxAspect;

    private const double OneDigitMaxAspect = 0.9;

    /// <summary>A lone flat stroke is a printed zero (-, —); the digits engine reads it, the shape confirms it.</summary>
    /// <remarks>
    /// Shown as a hyphen in a line first: so shown the engine reads a dash at once, where the cell's own crop mostly reads
    /// nothing or scores it low and runs every retry (a requests table printing its zeros as dashes spent 585 engine calls,
    /// 2.5 s, on them). The cell's own reading, as for any number, only when the line reads no dash.
    /// </remarks>
    private static (List<Reading> Readings, string Text) ReadDash(OcrEngine digits, CropMaker crops, CellInk ink, int pad, double t)
    {
        var stroke = ink.InkBox!.Value;
        var read = DashInALine(digits, crops, stroke, pad, t, ink.Peppered) ?? ReadNumberCell(digits, crops, stroke, pad)[0];
        return (DashReadings(read), read.Text.Length > 0 ? read.Text : "-");
    }

    /// <summary>
    /// The engine's reading of a low lone stroke as a hyphen: its "-", or the "-" it offered among its choices where it read a
    /// lone digit the stroke is too low to be (a 3 × 2 px hyphen of an 8.6 px font read 7 at 0.50, `generate --count 50 --seed
    /// 9191` 0030: whole rows of them). Null when it read neither.
    /// </summary>
    private static Reading? HyphenRead(List<Reading> readings) => readings switch
    {
        [{ Text: "-" } dash, ..] => dash,
        [{ Text: [>= '0' and <= '9'] }, ..] => readings.FirstOrDefault(r => r.Method == ReadingMethod.Choice && r.Text == "-") is { } offered
            ? offered with { Method = ReadingMethod.Cell }
            : null,
        _ => null,
    };

    /// <summary>
    /// The engine's reading of a dash and the shape's. The engine is unsure of a lone dash (it scores one 0.0–0.3) even when
    /// it reads one; agreeing with the shape, its reading is as good as the shape's.
    /// </summary>
    private static List<Reading> DashReadings(Reading engine) =>
        [engine.Text == "-" ? engine with { Confidence = Math.Max(engine.Confidence, DashAgreementConfidence) } : engine, new Reading("-", 0.97, ReadingMethod.Strip)];

    /// <summary>
    /// The dash shown as a hyphen in a line of text: its crop a text height tall around it, a long dash (—) squeezed and a
    /// short one stretched to a hyphen's length. Cut to its own flat box, the line model scales the stroke up to a
    /// line's height and reads nothing (six of a clean table's seven cells to review were such dashes); a short
    /// one as it is reads as a point.
    /// </summary>
    /// <param name="peppered">
    /// Specks of pepper about the dash (<see cref="CellInk.Peppered"/>): shown first with the stroke alone on white paper. Among
    /// the specks of its line the engine reads a dash as nothing or as a point (p61 0018: a table of dashes under salt and
    /// pepper, most of its dashes to review).
    /// </param>
    private static Reading? DashInALine(OcrEngine digits, CropMaker crops, PixelRect ink, int pad, double t, bool peppered = false)
    {
        var line = new PixelRect(ink.X, ink.CenterY - (int)(t / 2), ink.Width, (int)t);
        // A hyphen's length, about half a text height: a long dash squeezed, a small font's short one (read as a
        // point) stretched.
        var squeeze = (float)Math.Clamp(t * 0.5 / Math.Max(1, ink.Width), 0.2, 3);
        // At full contrast, then as it is: a faint dash reads as nothing in gray, and most do not read as they are (of the 597 dashes
        // of four dash-printing tables of the benchmark corpora, 451 read at once at full contrast, 358 as they are).
        // A thin dash (a clean page's one-pixel em dash, 2 px once scaled; a mild scan's 4 px one) the engine may take for no
        // glyph at all, however shown: every dash of a clean webp page's active table read as nothing (16 cells to review,
        // `generate --count 60 --seed 5151`, 0028). Shown a pixel bolder on each side, each read as one at 0.56-0.90; of a
        // mild page's dashes 4 px tall, one read only so, and only as it stands.
        var thin = ink.Height <= t * ThinDash;
        var alone = new (Func<PixHandle> Crop, bool Bolder)[]
        {
            (() => crops.PaddedKeeping(line, [ink], pad), false), (() => crops.PaddedKeeping(line, [ink], pad), true),
        };
        var shows = new (Func<PixHandle> Crop, bool Bolder)[]
        {
            (() => crops.PaddedFullContrast(line, pad), false), (() => crops.Padded(line, pad), false),
            (() => crops.PaddedFullContrast(line, pad), true), (() => crops.Padded(line, pad), true),
        };
        foreach (var (crop, bolder) in (peppered ? alone.Concat(shows) : shows).Where(s => thin || !s.Bolder))
        {
            using var shown = crop();
            using var hyphen = Leptonica.pixScale(shown, squeeze, 1);
            using var bold = bolder ? Leptonica.pixErodeGray(hyphen, 1, 3) : null;
            if (digits.Recognize(bold ?? hyphen, PageSegmentation.SingleLine) is [{ Text: "-" } word])
            {
                return new Reading("-", word.Confidence, ReadingMethod.Cell);
            }
        }
        return null;
    }

    /// <summary>A dash up to this share of the text height thick is thin: a hyphen's stroke is about 0.13 (4 px at 30).</summary>
    private const double ThinDash = 0.2;

    /// <summary>
    /// A number cell spanning lattice columns whose ink lies apart at every column edge inside it: a rule missing between
    /// the numbers of neighbouring columns (a broken or faint line the grid lost in this row). Each column's part is read
    /// on its own, as a cell of its own would be, so a part printed blank or as a dash keeps its place when the cell is
    /// split among layout cells; a whole-cell reading loses both (the engine drops a dash beside digits, and a blank
    /// leaves no token). Null when ink crosses an edge: one number printed across merged columns.
    /// </summary>
    /// <remarks>
    /// A part holding all the cell's ink (one number in merged columns, the common case) takes the cell's own readings:
    /// the same ink, already read both ways.
    /// </remarks>
    private static List<ReadCell>? ReadColumnParts(NormalizedImage image, CropMaker crops, Lattice lattice, LatticeCell cell,
        CellInk cellInk, IReadOnlyList<Reading> cellReadings, OcrEngine digits, LabelReader labelReader, int pad)
    {
        var t = image.TextHeight;
        var boxes = ColumnBoxes(lattice, cell);
        var inks = boxes.Select(box => CellInk.Measure(image.Binary, image.Width, image.Height, box, t)).ToList();
        if (!InkApartAtEveryColumnEdge(image, lattice, cell, inks)) return null;
        var parts = new List<ReadCell>(cell.ColumnSpan);
        for (var k = 0; k < boxes.Count; k++)
        {
            var ink = inks[k];
            List<Reading> readings;
            string text;
            if (ink.IsBlank)
            {
                (readings, text) = (BlankReadings(), "");
            }
            else if (ink.InkBox == cellInk.InkBox && cellReadings.Count > 0)
            {
                (readings, text) = ([.. cellReadings], cellReadings[0].Text);
            }
            else if (ink.IsDash(t))
            {
                (readings, text) = ReadDash(digits, crops, ink, pad, t);
            }
            else if (ink.LooksNumeric)
            {
                readings = ReadNumberCell(digits, crops, ink.InkBox!.Value, pad);
                text = readings[0].Text;
            }
            else if (NoneIn(labelReader.Read(ink.InkBox!.Value, pad, singleLine: true)) is { } none)
            {
                (readings, text) = ([none], "无");
            }
            else if (ink.InkBox!.Value.Height <= t * OneLineTall && ReadNumberCell(digits, crops, ink.InkBox!.Value, pad) is [{ Confidence: >= SurePartConfidence } sure, ..] partRead
                && IsDigitsOnly(sure.Text))
            {
                // Digits a hard scan blurred past the ink test of a number (a 2 of the appeals row beside a 6, 2 6 over three
                // columns, the Chinese model reading the 2 as 中妈): the digits engine reads them surely, as a number.
                (readings, text) = (partRead, sure.Text);
            }
            else
            {
                return null; // words, which the whole cell's reading handles
            }
            parts.Add(new ReadCell(cell with { Box = boxes[k] }, text, true, Distinct(readings), image.Transform.ToSource(boxes[k])));
        }
        return parts;
    }

    /// <summary>A part of a merged cell one line tall (its noise may count as a second line) read this surely as digits alone is a number, whatever its ink looked like.</summary>
    private const double SurePartConfidence = 0.6, OneLineTall = 1.2;

    /// <summary>
    /// The cell's ink, across the rows the numbers stand in, lies apart at every lattice column edge inside it: a stub of
    /// the broken rule above or below them is no number, and one number printed across merged columns crosses an edge.
    /// </summary>
    private static bool InkApartAtEveryColumnEdge(NormalizedImage image, Lattice lattice, LatticeCell cell) =>
        InkApartAtEveryColumnEdge(image, lattice, cell, ColumnBoxes(lattice, cell).Select(box => CellInk.Measure(image.Binary, image.Width, image.Height, box, image.TextHeight)).ToList());

    private static bool InkApartAtEveryColumnEdge(NormalizedImage image, Lattice lattice, LatticeCell cell, IReadOnlyList<CellInk> columnInks)
    {
        var t = image.TextHeight;
        var inked = columnInks.Where(i => !i.IsBlank).Select(i => i.InkBox!.Value).ToList();
        if (inked.Count == 0) return false;
        int top = inked.Min(b => b.Y), bottom = inked.Max(b => b.Bottom);
        // Inside the cell's own rules: a stub of the lost rule starts where the rule below or above it ends.
        var inset = (int)Math.Max(2, t * 0.25);
        for (var c = cell.Column + 1; c <= cell.LastColumn; c++)
        {
            var x = lattice.ColumnEdges[c];
            if (CellInk.InkAcross(image.Binary, image.Width, image.Height, x, top, bottom, t).Parts(t)) continue;
            var across = CellInk.InkAcross(image.Binary, image.Width, image.Height, x, cell.Box.Y + inset, cell.Box.Bottom - inset, t);
            if (across.IsRuleStub(t)) continue;
            // A shorter stub parts the columns too where the numbers either side stand clear of the edge: a scan kept a quarter
            // of the rule below a blank and a 36 two text heights right of it, the stub reaching into the 36's rows. One number
            // printed across merged columns reaches the edge, and two numbers of one row do not stand this close to a rule.
            if (across.IsShortRuleStub(t) && inked.All(b => b.Right <= x - t * EdgeClearance || b.X >= x + t * EdgeClearance)) continue;
            return false;
        }
        return true;
    }

    /// <summary>How far the numbers either side of a short stub stand from the edge, at least, in text heights.</summary>
    private const double EdgeClearance = 0.5;

    private static List<PixelRect> ColumnBoxes(Lattice lattice, LatticeCell cell) =>
        Enumerable.Range(cell.Column, cell.ColumnSpan)
            .Select(c => new PixelRect(lattice.ColumnEdges[c], cell.Box.Y, lattice.ColumnEdges[c + 1] - lattice.ColumnEdges[c], cell.Box.Height))
            .ToList();

    /// <summary>
    /// A part of a cell of numbers the Chinese model reads as holding a 无, or as one other glyph (a garbled 无, a weak guess).
    /// Its ink already stands apart from the other parts, so 无 among noise read as glyphs (无人) is still the 无.
    /// </summary>
    private static Reading? NoneIn((string Text, double Confidence) read) =>
        read.Text.Contains('无') ? new Reading("无", read.Confidence, ReadingMethod.Cell)
        : IsOneChineseGlyph(read.Text) ? new Reading("无", GuessedNoneConfidence, ReadingMethod.Cell)
        : null;

    /// <summary>
    /// A lone stroke with a faint glyph's ink above it (a 2 whose base alone binarized) or below it (a 7's bar) that the
    /// engine, shown the stroke, read as a dash: shown with the glyph's band, at full contrast, it reads as the digit. What
    /// still reads as a dash is kept only as a weak reading; the faint glyph says it is none (committed case 0148 at its
    /// 85th percentile scale: a 2 read "-" at 0.81 passed as 0 where the identities closed on another lost 2).
    /// </summary>
    private static List<Reading> ReadFaintGlyph(OcrEngine digits, CropMaker crops, CellInk ink, int pad, double t, GlyphSide side)
    {
        using var crop = crops.PaddedFullContrast(FaintGlyph.Region(ink.InkBox!.Value, ink.Interior, t, side), pad);
        var words = digits.Recognize(crop, PageSegmentation.SingleLine);
        var text = Joined(words, null);
        if (words.Count > 0 && text.Length > 0 && text != "-")
        {
            return [new Reading(text, Math.Min(words.Min(w => w.Confidence), FaintGlyphCap), ReadingMethod.Cell), new Reading("-", FaintDashCap, ReadingMethod.Cell)];
        }
        return [new Reading("-", FaintDashCap, ReadingMethod.Cell)];
    }

    /// <summary>A digit read from a faint glyph's band is one way only, and a faint one.</summary>
    private const double FaintGlyphCap = 0.7;

    /// <summary>A dash with a glyph's faint ink above it is most likely no dash.</summary>
    private const double FaintDashCap = 0.3;

    /// <summary>
    /// Two plumb strokes side by side, each the ink's height nearly: a zero whose hairline top and bottom the cut took (a
    /// brush 0 kept as "| |", bilevel corpus 0003). An 11 cut to its stems would look alike, but it is wider than a remnant
    /// and the engine reads its stems. The cut takes zeros alike as it takes 1s, but a sum of zeros so read holds because
    /// they are zeros.
    /// </summary>
    private static bool SidesOfAZero(CellInk ink) =>
        ink.InkBox is { } box && ink.PieceBoxes.Where(p => p.Height > p.Width && p.Height >= box.Height * ZeroSideHeight).ToList() is { Count: 2 } sides
        && (sides[0].X + sides[0].Width <= sides[1].X || sides[1].X + sides[1].Width <= sides[0].X);

    /// <summary>A side of a zero stands this share of the ink's height at least (a 1's flag and foot stand a third of it).</summary>
    private const double ZeroSideHeight = 0.7;

    private static bool SharesARowOrColumn(LatticeCell a, LatticeCell b) =>
        a.Row <= b.LastRow && b.Row <= a.LastRow || a.Column <= b.LastColumn && b.Column <= a.LastColumn;

    /// <summary>
    /// Ink a digit's size at most, neither a dash's flat stroke (twice as wide as tall at least) nor pepper strewn over the
    /// cell: what a bilevel cut leaves of a thin glyph. A flat stroke in ink that stands as tall as a digit is no dash but
    /// a glyph's foot: a light serif 1 cut to its flag, a dot of its stem and its foot serif, read as a dash at 0.90 and
    /// 0.89 (`generate --count 40 --seed 4850 --bilevel mixed`, 0023: a row of 1, 1 and 2 read as three dashes, whose sum
    /// held, passed as zeros).
    /// </summary>
    private static bool IsRemnantOfACutGlyph(CellInk ink, double t) =>
        ink.InkBox is { } box && !ink.Peppered && box.Width < t * RemnantWidth && box.Height <= t * RemnantHeight
        && (box.Height >= t * DigitTallRemnant || !ink.PieceBoxes.Any(p => p.Width >= p.Height * 2));

    /// <summary>In text heights: a remnant is narrower than most digits; a glyph the cut kept whole is read as one.</summary>
    private const double RemnantWidth = 0.6;

    /// <summary>In text heights: a digit's height, a little over the text height where the cut kept a serif's tip.</summary>
    private const double RemnantHeight = 1.1;

    /// <summary>In text heights: ink this tall is a glyph's height, not a dash's stroke (the 1s of 0023 stood 0.90 to 0.93).</summary>
    private const double DigitTallRemnant = 0.7;

    /// <summary>
    /// A blank for ink that vanishes from the page smoothed against specks: specks, or a faint thin glyph the smoothing
    /// erased (a 2 of thin strokes, barely printed). Weak, so only the identities can choose it, and never alone: taken
    /// at its word, the blank passed the faint 2 as 0 (hard scans of `generate --count 150 --seed 2026`, 0148).
    /// </summary>
    private const double SmoothedBlankConfidence = 0.45;

    /// <summary>
    /// The smoothed blank where no way read anything else either, not a digit nor a mark: speck-sized ink that neither
    /// engine nor smoothing takes for a glyph. Measured on the readings of every table of bench150, warp60 and bw60
    /// (BENCH_SOLVER_DUMP_ALL): all 70 such cells held a printed blank or zero; the faint 2s the smoothing erased were
    /// read as a dash or a 2 by one way at least. Below a reading's agreement, so the identities still check it.
    /// </summary>
    private const double SpecksAloneBlankConfidence = 0.85;

    /// <summary>
    /// And only for ink in a box lower than this share of a text height, or strewn in groups each smaller than it every way
    /// (<see cref="SpecksTogether"/>). On the committed case 0148 scaled for its 85th
    /// percentile glyph height, a faint 2 the smoothing erased read as nothing every way: its two pieces spanned 0.53 of a
    /// text height; the 21 speck cells beside it spanned 0.13–0.27.
    /// </summary>
    private const double SpecksAloneHeight = 0.4;

    /// <summary>
    /// Specks closer than this share of a text height are taken together, as the pieces of one glyph. The faint 2 of 0148
    /// broke into its top and its base, 0.3 of a text height apart (at a quarter, they passed for strewn specks and the 2
    /// for a sure blank); pepper noise strewn over a blank cell of a grainy scan stands a text height and more apart, its
    /// box as wide as the cell. Over the solver dumps of eight corpora, the 223 cells read as nothing but a weak smoothed
    /// blank all held a printed blank or zero.
    /// </summary>
    private const double SpecksTogether = 0.5;

    /// <summary>Every reading but the engine's alternatives is empty.</summary>
    private static bool NothingButBlanks(List<Reading> readings) =>
        readings.Where(r => r.Method != ReadingMethod.Choice).All(r => r.Text.Trim().Length == 0);

    /// <summary>A label read below this may be garbled by specks: read again without them.</summary>
    private const double WeakLabelConfidence = 0.5;

    /// <summary>
    /// A label read without the specks around it replaces the one read with them when it is this sure, or
    /// <see cref="ClearlyBetterWithoutSpecks"/> surer than it. The words of peppered bilevel pages (bilevel corpus 0002 and
    /// 0008) read so at 0.72 to 0.97, or from nothing to a header at 0.41 to 0.48. A word that lost strokes on a hard gray
    /// scan read 0.02 surer (规章: 报章 at 0.40 with its specks, 本击 at 0.42 without, fresh corpus f9 0043), and garbled headers
    /// of a warped scan at 0.43 at most (w40 0018, where one read 0.21 surer placed nothing either way).
    /// </summary>
    private const double SureWithoutSpecks = 0.6;

    private const double ClearlyBetterWithoutSpecks = 0.2;

    /// <summary>A blank that may be no cell of the table: below what passes on its own, so that it is reviewed.</summary>
    private const double UnsureBlankConfidence = 0.3;

    /// <summary>Nothing printed: a blank is one of the printed forms of zero; both ways see the same.</summary>
    internal static List<Reading> BlankReadings() => [new Reading("", 0.97, ReadingMethod.Cell), new Reading("", 0.97, ReadingMethod.Strip)];

    /// <summary>Below this the cell's own reading is retried another way before the readings are kept.</summary>
    private const double RetryBelowConfidence = 0.5;

    /// <summary>Measured on lone zeros of thin fonts: 0.6 recovers most that the first pass missed, 2 some more.</summary>
    private static readonly float[] RetryScales = [0.6f, 2f];

    /// <summary>
    /// How several numbers in one merged cell (a rule the grid missed) are told apart: side by side, by a gap
    /// wider than a glyph; stacked (in a strip; a cell's own reading goes band by band), by lines. Kept as a space
    /// or a line break for snapping to split on.
    /// </summary>
    private sealed record Separation(double Gap, bool Stacked);

    /// <summary>
    /// Where numbers of neighbouring layout cells may stand apart in one lattice cell: stacked in a cell spanning rows;
    /// side by side in one spanning columns, or in one lattice column where a rule is missing the whole table down
    /// (2 and 5 a column apart read "25" without the space). Digits of one number never stand a glyph's height apart.
    /// </summary>
    private static Separation SeparationFor(LatticeCell cell, double textHeight) =>
        cell.RowSpan > 1 ? new Separation(textHeight * 0.6, true) : new Separation(textHeight, false);

    /// <summary>
    /// A number cell spanning rows (a rule the grid missed between them): each row's band read on its own, the
    /// numbers one per line for snapping to split on; a band with no ink is a printed blank.
    /// </summary>
    private static List<Reading> ReadStackedCell(OcrEngine digits, CropMaker crops, NormalizedImage image, Lattice lattice, LatticeCell cell, int pad)
    {
        var lines = new List<string>();
        var confidence = 0.97;
        for (var r = cell.Row; r <= cell.LastRow; r++)
        {
            var band = new PixelRect(cell.Box.X, lattice.RowEdges[r], cell.Box.Width, lattice.RowEdges[r + 1] - lattice.RowEdges[r]);
            var ink = CellInk.Measure(image.Binary, image.Width, image.Height, band, image.TextHeight);
            if (ink.IsBlank)
            {
                lines.Add("");
                continue;
            }
            var read = ReadNumberCell(digits, crops, ink.InkBox!.Value, pad)[0];
            lines.Add(read.Text);
            confidence = Math.Min(confidence, read.Confidence);
        }
        return [new Reading(string.Join("\n", lines), confidence, ReadingMethod.Cell)];
    }

    private static List<Reading> ReadNumberCell(OcrEngine digits, CropMaker crops, PixelRect ink, int pad, Separation? sideBySide = null)
    {
        using var crop = crops.Padded(ink.Inflate(2, 2), pad);
        var words = digits.Recognize(crop, PageSegmentation.SingleLine, withChoices: true);
        // Each scale read once: the retries below and the search for a dropped digit ask for some of the same.
        var scaled = new Dictionary<float, IReadOnlyList<OcrWord>>();
        IReadOnlyList<OcrWord> ReadAt(float scale)
        {
            if (scaled.TryGetValue(scale, out var read)) return read;
            using var resized = Leptonica.pixScale(crop, scale, scale);
            return scaled[scale] = digits.Recognize(resized, PageSegmentation.SingleLine, withChoices: true);
        }
        // The line model often returns nothing for a lone short number ("0", "7") at one size and reads it at
        // another, and nothing for a faint one until it is shown at full contrast: try smaller, larger, then at
        // full contrast, and keep what the engine trusts most.
        Func<IReadOnlyList<OcrWord>>[] retries =
        [
            .. RetryScales.Select(scale => (Func<IReadOnlyList<OcrWord>>)(() => ReadAt(scale))),
            () =>
            {
                using var fullContrast = crops.PaddedFullContrast(ink.Inflate(2, 2), pad);
                return digits.Recognize(fullContrast, PageSegmentation.SingleLine, withChoices: true);
            },
        ];
        foreach (var retry in retries)
        {
            if (words.Count > 0 && words.Min(w => w.Confidence) >= RetryBelowConfidence) break;
            var reread = retry();
            if (reread.Count > 0 && (words.Count == 0 || reread.Min(w => w.Confidence) > words.Min(w => w.Confidence)))
            {
                words = reread;
            }
        }
        var text = Joined(words, sideBySide);
        var result = new List<Reading>();
        if (words.Count == 0)
        {
            result.Add(new Reading("", 0.2, ReadingMethod.Cell));
            return result;
        }
        var confidence = words.Min(w => w.Confidence);
        Reading? dropped = null;
        if (TooWideForItsDigits(text, ink) && LongerAtAnotherScale(ReadAt, text, ink) is { } longer)
        {
            // The engine dropped a digit it saw plainly (a blurred 34 read as 4 at 0.50, and so by the strip): at another
            // scale it reads them all. What it read first stays as one of its alternatives: the ink says it is short.
            dropped = new Reading(text, Math.Min(confidence, ShortReadingConfidence), ReadingMethod.Choice);
            (words, text, confidence) = (longer, Joined(longer, sideBySide), longer.Min(w => w.Confidence));
        }
        result.Add(new Reading(text, confidence, ReadingMethod.Cell));
        if (dropped is not null) result.Add(dropped);
        // Each strong alternative of one symbol gives another reading of the whole cell.
        var symbols = words.SelectMany(w => w.Symbols).ToList();
        for (var i = 0; i < symbols.Count; i++)
        {
            foreach (var (alt, altConfidence) in symbols[i].Choices.Skip(1))
            {
                if (altConfidence < 0.05 || alt == symbols[i].Text) continue;
                var variant = NumberText.Clean(string.Concat(symbols.Select((s, j) => j == i ? alt : s.Text)));
                // The cell has ink: "nothing printed" (a blank, i.e. zero) is not one of its alternatives, and
                // as a candidate it would let the identities turn any misprinted lone digit into 0.
                if (variant.Length == 0) continue;
                result.Add(new Reading(variant, Math.Min(confidence, altConfidence), ReadingMethod.Choice));
            }
        }
        return result;
    }

    /// <summary>
    /// Ink wider than the digits read can be: a digit's ink is at most about 0.8 of its height wide (a bold 4, blurred),
    /// and each further digit adds about as much. Only for one or two digits read, where one digit more is plainly
    /// wider; past that, narrow and wide fonts overlap.
    /// </summary>
    private static bool TooWideForItsDigits(string text, PixelRect ink, double digitWidth = DigitWidthShare)
    {
        var read = text.Count(char.IsAsciiDigit);
        var others = text.Count(c => !char.IsAsciiDigit(c) && !char.IsWhiteSpace(c));
        return read is 1 or 2 && ink.Width > (read + DroppedDigitShare + others * SeparatorShare) * digitWidth * ink.Height;
    }

    private const double DigitWidthShare = 0.8, DroppedDigitShare = 0.35, SeparatorShare = 0.5;

    /// <summary>Scales at which the engine is asked again for digits it dropped.</summary>
    private static readonly float[] WiderRetryScales = [1.5f, 0.75f, 2f];

    /// <summary>
    /// The first reading, at another scale, of one number with more digits than <paramref name="text"/> and no more than
    /// the ink has room for (a 1, the narrowest, takes about 0.4 of the height with its spacing).
    /// </summary>
    private static IReadOnlyList<OcrWord>? LongerAtAnotherScale(Func<float, IReadOnlyList<OcrWord>> readAt, string text, PixelRect ink)
    {
        var read = text.Count(char.IsAsciiDigit);
        var room = (int)Math.Ceiling(ink.Width / (NarrowestDigitShare * ink.Height));
        foreach (var scale in WiderRetryScales)
        {
            var words = readAt(scale);
            if (words.Count == 1 && NumberText.Clean(words[0].Text).Count(char.IsAsciiDigit) is var again && again > read && again <= room
                && words[0].Confidence >= LongerReadingConfidence)
            {
                return words;
            }
        }
        return null;
    }

    private const double LongerReadingConfidence = 0.3, NarrowestDigitShare = 0.4;

    private static void ReadStrip(OcrEngine digits, CropMaker crops, List<LatticeCell> cells, Dictionary<LatticeCell, CellInk> inks,
        int pad, double textHeight, Dictionary<LatticeCell, List<Reading>> readings)
    {
        var unseen = ReadStripOnce(digits, crops, cells, inks, pad, textHeight, readings, fullContrast: false);
        if (unseen.Count > 0)
        {
            // Faint low-contrast digits the strip saw nothing of: their own strip at full contrast.
            ReadStripOnce(digits, crops, unseen, inks, pad, textHeight, readings, fullContrast: true);
        }
    }

    /// <returns>The cells the strip saw nothing in.</returns>
    private static List<LatticeCell> ReadStripOnce(OcrEngine digits, CropMaker crops, List<LatticeCell> cells, Dictionary<LatticeCell, CellInk> inks,
        int pad, double textHeight, Dictionary<LatticeCell, List<Reading>> readings, bool fullContrast)
    {
        var regions = cells.Select(c => inks[c].InkBox!.Value.Inflate(2, 2)).ToList();
        using var strip = crops.Stacked(regions, pad, pad, out var rows, fullContrast);
        using var scaled = Leptonica.pixScale(strip, (float)StripScale, (float)StripScale);
        var words = digits.Recognize(scaled, PageSegmentation.SingleBlock);
        var perCell = new List<OcrWord>[cells.Count];
        foreach (var word in words)
        {
            var centre = word.Box.CenterY / StripScale;
            for (var i = 0; i < rows.Count; i++)
            {
                if (centre >= rows[i].Start && centre < rows[i].End)
                {
                    (perCell[i] ??= []).Add(word);
                    break;
                }
            }
        }
        var unseen = new List<LatticeCell>();
        for (var i = 0; i < cells.Count; i++)
        {
            // Only cells with ink are in a strip: the strip seeing nothing there is no reading of a blank (a
            // zero), just no second reading; as a zero it would let the identities "correct" a misprint to 0.
            if (perCell[i] is not { } found)
            {
                unseen.Add(cells[i]);
                continue;
            }
            readings[cells[i]].Add(new Reading(
                Joined(found.OrderBy(w => w.Box.X).ToList(), SeparationFor(cells[i], textHeight * StripScale)),
                found.Min(w => w.Confidence), ReadingMethod.Strip));
        }
        return unseen;
    }

    /// <summary>The words as one number, or as several where they lie apart (see <see cref="Separation"/>).</summary>
    private static string Joined(IReadOnlyList<OcrWord> words, Separation? separate)
    {
        if (separate is null || words.Count < 2)
        {
            return NumberText.Clean(string.Concat(words.Select(w => w.Text)));
        }
        var ordered = separate.Stacked ? words.OrderBy(w => w.Box.CenterY).ToList() : words.OrderBy(w => w.Box.X).ToList();
        var groups = new List<List<OcrWord>> { new() { ordered[0] } };
        for (var i = 1; i < ordered.Count; i++)
        {
            var (previous, word) = (ordered[i - 1], ordered[i]);
            var apart = separate.Stacked
                ? word.Box.CenterY - previous.Box.CenterY > separate.Gap
                : word.Box.X - (previous.Box.X + previous.Box.Width) > separate.Gap;
            if (apart) groups.Add([]);
            groups[^1].Add(word);
        }
        return string.Join(separate.Stacked ? "\n" : " ", groups
            .Select(g => NumberText.Clean(string.Concat(g.OrderBy(w => w.Box.X).Select(w => w.Text))))
            .Where(x => x.Length > 0));
    }

    private static string? ReadHeading(NormalizedImage image, PixelRect? band, LabelReader labels, double t)
    {
        if (band is not { } b || b.Height < t * 0.6) return null;
        var ink = CellInk.Measure(image.Binary, image.Width, image.Height, b, t);
        if (ink.IsBlank) return null;
        var text = labels.Read(ink.InkBox!.Value, (int)t / 2).Text;
        return text.Length == 0 ? null : text;
    }

    /// <summary>Readings with the same text merged: agreement of two methods is kept as both entries.</summary>
    internal static IReadOnlyList<Reading> Distinct(IEnumerable<Reading> readings) =>
        readings
            .GroupBy(r => (r.Text, r.Method))
            .Select(g => g.OrderByDescending(r => r.Confidence).First())
            .OrderBy(r => r.Method == ReadingMethod.Choice ? 1 : 0)
            .ThenByDescending(r => r.Confidence)
            .ToList();
}
