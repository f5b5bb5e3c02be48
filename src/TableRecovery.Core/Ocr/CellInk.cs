using TableRecovery.Core.Grid;
using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Ocr;

/// <summary>
/// The ink inside one cell once remnants of its ruling lines and specks are dropped: where the printed
/// text is, how many glyph pieces it has, and whether its shapes look like a number.
/// </summary>
/// <param name="MarkBeforeInk">A small flat mark just left of the text at its middle height: possibly a minus
/// sign too small or faint to survive as ink, which the engine then drops (-4 read as 4).</param>
/// <param name="OnlySpecks">Nothing but a few specks too small to be a stroke of a glyph: pepper noise, in a cell printed blank.</param>
public sealed record CellInk(PixelRect Interior, PixelRect? InkBox, int Pieces, bool LooksNumeric, int Lines, bool MarkBeforeInk = false, bool OnlySpecks = false)
{
    public bool IsBlank => InkBox is null;

    /// <summary>The boxes of the text's pieces in the page, rule remnants and specks left out.</summary>
    public IReadOnlyList<PixelRect> PieceBoxes { get; init; } = [];

    /// <summary>
    /// The box of the pieces whose longer side is at least <see cref="CoreShare"/> of a text height: in a peppered cell the
    /// ink box takes in the noise around the text (a bilevel scan's label runs 2.8 text heights tall and the cell wide), and
    /// a glyph's strokes are longer than its specks. Null when no piece is so long.
    /// </summary>
    public PixelRect? CoreBox(double textHeight)
    {
        var core = Strokes(textHeight);
        if (core.Count == 0) return null;
        int x0 = core.Min(b => b.X), y0 = core.Min(b => b.Y);
        return new PixelRect(x0, y0, core.Max(b => b.Right) - x0, core.Max(b => b.Bottom) - y0);
    }

    /// <summary>
    /// The pieces of the core (<see cref="CoreBox"/>) and the shorter ones close beside them (a glyph's dot, the short
    /// strokes of 六 or 文), without the specks that stand apart.
    /// </summary>
    public IReadOnlyList<PixelRect> CorePieces(double textHeight)
    {
        var core = Strokes(textHeight);
        var near = (int)Math.Ceiling(textHeight * NearTheCore);
        return PieceBoxes.Where(b => core.Contains(b) || core.Any(c => c.Inflate(near, near).Intersect(b) is { Width: > 0, Height: > 0 })).ToList();
    }

    private List<PixelRect> Strokes(double textHeight) => PieceBoxes.Where(b => Math.Max(b.Width, b.Height) >= textHeight * CoreShare).ToList();

    private const double CoreShare = 0.35;

    /// <summary>How close to a stroke, in text heights, the short piece of a glyph stands.</summary>
    private const double NearTheCore = 0.15;

    /// <summary>
    /// The pieces, joined where they stand within <paramref name="gap"/> text heights of each other, make no group that
    /// reaches <paramref name="extent"/> text heights any way: specks strewn apart, where the broken strokes of a glyph,
    /// however faint, stand together and span most of its height.
    /// </summary>
    public bool ScatteredSpecks(double textHeight, double gap, double extent)
    {
        var near = (int)Math.Ceiling(textHeight * gap);
        var grouped = new bool[PieceBoxes.Count];
        for (var i = 0; i < PieceBoxes.Count; i++)
        {
            if (grouped[i]) continue;
            // Grown one piece at a time: a group is every piece reachable through near neighbours.
            var box = PieceBoxes[i];
            grouped[i] = true;
            for (var grew = true; grew;)
            {
                grew = false;
                for (var j = 0; j < PieceBoxes.Count; j++)
                {
                    if (grouped[j] || box.Inflate(near, near).Intersect(PieceBoxes[j]) is not { Width: > 0, Height: > 0 }) continue;
                    grouped[j] = true;
                    box = box.Union(PieceBoxes[j]);
                    grew = true;
                }
            }
            if (Math.Max(box.Width, box.Height) >= textHeight * extent) return false;
        }
        return true;
    }

    /// <summary>The longest side of the largest piece of the text, in pixels.</summary>
    public int LargestPiece { get; init; }

    /// <summary>
    /// More specks in the cell than a faint minus breaks into: pepper noise. A speck of it left of the digits at middle
    /// height passes for a minus, and one stuck to a digit widens its ink as a minus would (a bilevel scan's 27, 38 and 6
    /// signed, corpus 0006); but a real minus in such a cell breaks into specks too (a hard scan's -9, fresh corpus 0042).
    /// </summary>
    public bool Peppered { get; init; }

    /// <summary>
    /// One flat stroke and nothing else: a dash printed for zero. A small font's hyphen, scaled up and blurred, is only
    /// 1.4 times as wide as it is thick (7×5 px at a 30 px text height); a speck or a point is about as wide as tall.
    /// </summary>
    public bool IsDash(double textHeight) => Pieces == 1 && InkBox is { } b && IsFlat(b.Width, b.Height, textHeight);

    /// <summary>A dash's shape: lower than 0.35 of a text height, and 1.3 times as wide as tall at least.</summary>
    private static bool IsFlat(int width, int height, double textHeight) => height < textHeight * 0.35 && width >= height * 1.3;

    /// <summary>
    /// Three or more short narrow pieces one above the other, each a little left of the one above, the whole a half text
    /// height tall or more and drifting a fifth of its height: a thin "/" a bilevel scan cut into dashes where it fell under
    /// the cut (b99, `generate --count 30 --seed 9898 --bilevel mixed --latin-font mixed`, 0021: a table of slashes read as
    /// 1s and 4s). A 1 broken so stands plumb; a 7 or a 4 has a bar as wide as a digit.
    /// </summary>
    public bool IsBrokenSlash(double textHeight)
    {
        if (InkBox is not { } box || PieceBoxes.Count is < 3 or > MaxSlashDashes) return false;
        if (box.Height < textHeight * 0.5 || box.Width > box.Height * 0.6) return false;
        var dashes = PieceBoxes.OrderBy(p => p.Y).ToList();
        if (dashes.Any(p => p.Width > Math.Max(3, textHeight * 0.25) || p.Height > textHeight * 0.5)) return false;
        for (var k = 1; k < dashes.Count; k++)
        {
            var (above, below) = (dashes[k - 1], dashes[k]);
            if (below.Y - above.Bottom > textHeight * 0.2) return false;
            if (below.X * 2 + below.Width > above.X * 2 + above.Width) return false;
        }
        var drift = (dashes[0].X * 2 + dashes[0].Width - dashes[^1].X * 2 - dashes[^1].Width) / 2.0;
        return drift >= box.Height * 0.2;
    }

    private const int MaxSlashDashes = 8;

    /// <summary>
    /// One flat stroke low enough for a dash (or its parts on one line, salt cut it) and beside it only a few specks too short
    /// for a stroke: a dash printed for zero in a peppered cell (p61 0018, a requests table of dashes under salt and pepper: a
    /// speck kept beside the dash, where a point or a minus may stand, took the cell for words and left half its columns
    /// without numbers). Null otherwise, and for a lone piece (<see cref="IsDash"/>). Whether faint glyph ink lies about the
    /// stroke is for the gray image to tell (<see cref="FaintGlyph"/>, <see cref="FaintInk"/>).
    /// </summary>
    public PixelRect? DashAmongSpecks(double textHeight) =>
        Pieces >= 2 && FlatStroke([.. PieceBoxes.Select(p => (p.X, p.Y, p.Width, p.Height))], textHeight) is { } d
            ? new PixelRect(d.X, d.Y, d.W, d.H)
            : null;

    /// <summary>
    /// The box of the stroke pieces (a longer side of <see cref="NoiseSpeckShare"/> or more) when they lie on one line, each
    /// within <see cref="DashGap"/> of the next, and make a box low and wider than tall, with at most
    /// <see cref="MaxSpecksBesideADash"/> specks beside them.
    /// </summary>
    private static (int X, int Y, int W, int H)? FlatStroke(IReadOnlyList<(int X, int Y, int W, int H)> pieces, double t)
    {
        var strokes = pieces.Where(p => Math.Max(p.W, p.H) >= t * NoiseSpeckShare).OrderBy(p => p.X).ToList();
        if (strokes.Count is 0 or > MaxDashParts || pieces.Count - strokes.Count > MaxSpecksBesideADash) return null;
        for (var k = 1; k < strokes.Count; k++)
        {
            var (a, b) = (strokes[k - 1], strokes[k]);
            if (b.X - (a.X + a.W) > t * DashGap || Math.Min(a.Y + a.H, b.Y + b.H) <= Math.Max(a.Y, b.Y)) return null;
        }
        int x0 = strokes.Min(p => p.X), y0 = strokes.Min(p => p.Y), x1 = strokes.Max(p => p.X + p.W), y1 = strokes.Max(p => p.Y + p.H);
        return IsFlat(x1 - x0, y1 - y0, t) ? (x0, y0, x1 - x0, y1 - y0) : null;
    }

    private const int MaxSpecksBesideADash = 3;

    /// <summary>A dash salt cut apart breaks into this many parts at most, each this far from the next (in text heights).</summary>
    private const int MaxDashParts = 3;

    private const double DashGap = 0.15;

    /// <summary>The cell's ink as the one stroke alone, the specks beside it taken for the paper's.</summary>
    public CellInk OnlyThe(PixelRect stroke) => this with { InkBox = stroke, Pieces = 1, PieceBoxes = [stroke], LargestPiece = Math.Max(stroke.Width, stroke.Height), Lines = 1 };

    /// <summary>One piece, low and at least as wide as tall: a dash by its shape, or a short hyphen once the engine reads one.</summary>
    public bool IsLowLoneStroke(double textHeight) =>
        Pieces == 1 && InkBox is { } b && b.Height < textHeight * 0.35 && b.Width >= b.Height;

    public static CellInk Measure(PixHandle binary, int imageWidth, int imageHeight, PixelRect cellBox, double textHeight)
    {
        var inset = (int)Math.Max(2, textHeight * 0.12);
        var interior = cellBox.Inflate(-inset, -inset).Intersect(new PixelRect(0, 0, imageWidth, imageHeight));
        if (interior.Width < 4 || interior.Height < 4)
        {
            return new CellInk(interior, null, 0, true, 0);
        }
        using var clip = Leptonica.pixClipRectangle(binary, interior.X, interior.Y, interior.Width, interior.Height);
        var minSpeck = Math.Max(2, textHeight * 0.12);
        var kept = new List<(int X, int Y, int W, int H)>();
        var specks = new List<(int X, int Y, int W, int H)>();
        foreach (var piece in InkPieces.Of(Leptonica.CopyBinary(clip), interior.Width, interior.Height, (int)Math.Max(2, textHeight * SliverDepth)))
        {
            var b = piece.Box;
            bool side = b.X <= 0 || b.X + b.W >= interior.Width, edge = b.Y <= 0 || b.Y + b.H >= interior.Height;
            bool touches = side || edge;
            // A thick blurred rule leaves a wide remnant, still long along the edge it lies on; where rules
            // cross, a blob sits in the corner.
            bool alongEdge = side && b.H >= b.W * 2.5 || edge && b.W >= b.H * 2.5;
            bool corner = side && edge && b.W < textHeight * 1.2 && b.H < textHeight * 1.2;
            bool thin = b.W <= Math.Max(3, textHeight * 0.18) || b.H <= Math.Max(3, textHeight * 0.18);
            bool longAlongEdge = b.W >= interior.Width * 0.6 || b.H >= interior.Height * 0.85;
            // A small blob on the edge is where two thick rules cross, or the stub of a rule the cell box clipped.
            bool stub = b.W < textHeight * 0.45 && b.H < textHeight * 0.45;
            // A thick rule the inset did not clear leaves slivers along the edges, and where two meet in a corner one
            // L-shaped piece as wide and tall as a glyph, which no test on its box tells from text; nearly all its ink
            // lies close to the edges, where a glyph's does not.
            bool sliver = piece.NearEdge >= piece.Count * SliverShare;
            if (touches && (thin || longAlongEdge || stub || alongEdge || corner || sliver)) continue; // a ruling-line remnant
            if (b.W < minSpeck && b.H < minSpeck)
            {
                specks.Add(b); // a speck of scan noise, or a faint minus sign
                continue;
            }
            kept.Add(b);
        }
        if (kept.Count == 0)
        {
            return new CellInk(interior, null, 0, true, 0);
        }
        kept = WithoutStraySpecks(kept, specks, textHeight);
        int x0 = kept.Min(b => b.X), y0 = kept.Min(b => b.Y);
        int x1 = kept.Max(b => b.X + b.W), y1 = kept.Max(b => b.Y + b.H);
        var ink = new PixelRect(interior.X + x0, interior.Y + y0, x1 - x0, y1 - y0);
        var lines = CountLines(kept, textHeight);
        var mark = HasMarkBefore(kept, specks, x0, y0, y1, textHeight);
        var onlySpecks = AllSpecks(kept, textHeight);
        return new CellInk(interior, ink, kept.Count, onlySpecks || LooksLikeNumber(kept, ink, textHeight, lines), lines, mark, onlySpecks)
        {
            PieceBoxes = kept.Select(b => new PixelRect(interior.X + b.X, interior.Y + b.Y, b.W, b.H)).ToList(),
            LargestPiece = kept.Max(b => Math.Max(b.W, b.H)),
            Peppered = specks.Count > MaxSpecksBesideAMark,
        };
    }

    /// <summary>The ink of the binary image across a column edge at <paramref name="x"/> (a band a tenth of a text height either side), rows top to bottom.</summary>
    public static EdgeInk InkAcross(PixHandle binary, int imageWidth, int imageHeight, int x, int top, int bottom, double textHeight)
    {
        var halfWidth = (int)Math.Max(1, textHeight * 0.1);
        var band = new PixelRect(x - halfWidth, top, 2 * halfWidth + 1, bottom - top).Intersect(new PixelRect(0, 0, imageWidth, imageHeight));
        if (band.Width <= 0 || band.Height <= 0) return new EdgeInk(0, 0, 0, 0, false);
        using var clip = Leptonica.pixClipRectangle(binary, band.X, band.Y, band.Width, band.Height);
        var ink = Leptonica.CopyBinary(clip);
        int pixels = 0, rows = 0;
        var atAnEnd = false;
        var columns = new bool[band.Width];
        for (var y = 0; y < band.Height; y++)
        {
            var any = false;
            for (var i = 0; i < band.Width; i++)
            {
                if (ink[y * band.Width + i] == 0) continue;
                pixels++;
                columns[i] = true;
                any = true;
            }
            if (any) rows++;
            if (any && (y == 0 || y == band.Height - 1)) atAnEnd = true;
        }
        return new EdgeInk(pixels, columns.Count(c => c), rows, band.Height, atAnEnd);
    }

    /// <summary>How far in from the interior's edges a rule's sliver reaches, in text heights.</summary>
    private const double SliverDepth = 0.2;

    /// <summary>A piece touching the edge with this share of its ink that close to the edges is a rule's sliver.</summary>
    private const double SliverShare = 0.9;

    /// <summary>
    /// Pepper noise: pieces too small to be a stroke of a glyph are part of the text only near a stroke and where a mark of
    /// a number stands: a decimal point or a comma between its digits, down to just under their baseline; a minus left of
    /// them, flat, at their middle height. Anything else is noise: one speck at the edge of a cell made a lone digit's ink
    /// as wide as the cell, which no longer looked like a number; specks kept above, below or beside a small blurred 0
    /// (within half a text height, where a point may stand) made the engine read it as nothing and the templates see no
    /// glyph in it. A speck all but touching a stroke is a fragment of it.
    /// </summary>
    private static List<(int X, int Y, int W, int H)> WithoutStraySpecks(List<(int X, int Y, int W, int H)> kept,
        List<(int X, int Y, int W, int H)> specks, double t)
    {
        bool IsStroke((int X, int Y, int W, int H) b) => Math.Max(b.W, b.H) >= t * NoiseSpeckShare;
        var strokes = kept.Where(IsStroke).ToList();
        if (strokes.Count == 0 || strokes.Count == kept.Count || strokes.Count > MaxStrokesOfANumber) return kept;
        bool Within((int X, int Y, int W, int H) a, (int X, int Y, int W, int H) b, double gap) =>
            Math.Max(a.X, b.X) - Math.Min(a.X + a.W, b.X + b.W) <= gap && Math.Max(a.Y, b.Y) - Math.Min(a.Y + a.H, b.Y + b.H) <= gap;
        // A fragment of a stroke a faint scan broke (the top of a slash, beside and above the rest of it) all but touches it;
        // a point or a minus stands within half a text height.
        double fragmentGap = Math.Max(2, t * 0.1), markReach = t * 0.5;
        int left = strokes.Min(s => s.X), right = strokes.Max(s => s.X + s.W);
        int top = strokes.Min(s => s.Y), bottom = strokes.Max(s => s.Y + s.H);
        bool WhereAMarkStands((int X, int Y, int W, int H) b)
        {
            double middle = b.Y + b.H / 2.0, centre = b.X + b.W / 2.0;
            if (middle < top || middle > bottom + t * 0.25) return false;
            if (centre >= left && centre <= right) return true;
            return centre < left && b.W >= b.H && middle >= top + (bottom - top) * 0.25 && middle <= top + (bottom - top) * 0.8;
        }
        var text = new List<(int X, int Y, int W, int H)>(kept.Count);
        foreach (var b in kept)
        {
            if (IsStroke(b) || strokes.Any(s => Within(b, s, fragmentGap) || Within(b, s, markReach) && WhereAMarkStands(b))) text.Add(b);
            else specks.Add(b);
        }
        return text;
    }

    private static bool HasMarkBefore(List<(int X, int Y, int W, int H)> kept, List<(int X, int Y, int W, int H)> specks, int inkLeft, int inkTop, int inkBottom, double t)
    {
        var height = inkBottom - inkTop;
        double middleTop = inkTop + height * 0.25, middleBottom = inkTop + height * 0.8;
        // The leftmost kept piece may itself be a flat dash the speck filter let through.
        var leftmost = kept.MinBy(b => b.X);
        var rest = kept.Where(b => b != leftmost).ToList();
        if (rest.Count > 0 && leftmost.W >= leftmost.H * 1.5 && leftmost.H < t * 0.3
            && leftmost.Y + leftmost.H / 2.0 >= middleTop && leftmost.Y + leftmost.H / 2.0 <= middleBottom)
        {
            return true;
        }
        return specks.Any(b => b.X + b.W <= inkLeft + 1 && inkLeft - (b.X + b.W) <= t * 0.6
            && b.W >= 2 && b.W >= b.H && b.Y + b.H / 2.0 >= middleTop && b.Y + b.H / 2.0 <= middleBottom);
    }

    /// <summary>A faint minus breaks into a speck or two, three at most; more specks in the cell are noise.</summary>
    private const int MaxSpecksBesideAMark = 3;

    private static int CountLines(List<(int X, int Y, int W, int H)> pieces, double t) => Math.Max(1, LineSpans(pieces.Select(p => (p.Y, p.H)), t).Count);

    /// <summary>The top and bottom of each line of text, top to bottom: pieces a glyph's stroke tall that overlap one another.</summary>
    private static List<(int Top, int Bottom)> LineSpans(IEnumerable<(int Y, int H)> pieces, double t)
    {
        var lines = new List<(int Top, int Bottom)>();
        foreach (var (y, h) in pieces.Where(p => p.H >= t * 0.3).OrderBy(p => p.Y))
        {
            if (lines.Count > 0 && y <= lines[^1].Bottom - t * 0.15) lines[^1] = (lines[^1].Top, Math.Max(lines[^1].Bottom, y + h));
            else lines.Add((y, y + h));
        }
        return lines;
    }

    /// <summary>
    /// The box of each line of the text, top to bottom, in the page: the lines of <see cref="Lines"/>, each with the pieces
    /// (points, commas) whose middle lies in it.
    /// </summary>
    public IReadOnlyList<PixelRect> LineBoxes(double textHeight)
    {
        var boxes = new List<PixelRect>();
        foreach (var (top, bottom) in LineSpans(PieceBoxes.Select(p => (p.Y, p.Height)), textHeight))
        {
            var inLine = PieceBoxes.Where(p => p.Y + p.Height / 2 >= top && p.Y + p.Height / 2 < bottom).ToList();
            if (inLine.Count == 0) continue;
            int x0 = inLine.Min(p => p.X), x1 = inLine.Max(p => p.Right), y0 = Math.Min(top, inLine.Min(p => p.Y)), y1 = Math.Max(bottom, inLine.Max(p => p.Bottom));
            boxes.Add(new PixelRect(x0, y0, x1 - x0, y1 - y0));
        }
        return boxes;
    }

    /// <summary>
    /// Scattered specks, none a stroke of a glyph: pepper noise of a poor scan in a cell printed blank. Noise says nothing
    /// against a number (it looks numeric): as "not numeric" it voted whole number columns of a table printing its zeros
    /// blank into labels. The cell is still read as a number, and reads weakly.
    /// </summary>
    private static bool AllSpecks(List<(int X, int Y, int W, int H)> pieces, double t) =>
        pieces.Count <= MaxNoiseSpecks && pieces.All(p => Math.Max(p.W, p.H) < t * NoiseSpeckShare);

    /// <summary>
    /// Digits are single-line, full-height and narrow, one piece each; Chinese glyphs are square and break
    /// into pieces of uneven height. A lone dash or slash (a printed zero) counts as numeric too.
    /// </summary>
    private static bool LooksLikeNumber(List<(int X, int Y, int W, int H)> pieces, PixelRect ink, double t, int lines)
    {
        if (lines > 1 || ink.Height > t * 1.5) return false;
        if (pieces.Count == 1 && pieces[0].H < t * 0.35 && pieces[0].W >= pieces[0].H) return true; // dash
        if (pieces.Count > 1 && FlatStroke(pieces, t) is not null) return true; // a dash among specks (see DashAmongSpecks)
        // One glyph well under the text height, whatever its pieces: serif digits stand well below the Chinese
        // glyphs the text height is measured on, and their faint thin strokes break apart on a poor scan (a 0 in
        // three specks); a Chinese glyph, broken or not, is as tall as the text.
        if (pieces.Count <= 4 && ink.Height >= t * 0.4 && ink.Height <= t * 0.75 && ink.Width <= ink.Height * 1.1) return true;
        var tall = pieces.Where(p => p.H >= ink.Height * 0.6).ToList();
        if (tall.Count == 0) return false;
        // A lone round zero (old-style figures: x-height tall, as wide as high) is a digit too.
        if (pieces.Count == 1 && tall.Count == 1 && tall[0].W <= tall[0].H * 1.15 && tall[0].H >= t * 0.45 && tall[0].H <= t * 0.8) return true;
        var narrow = tall.Count(p => p.W <= p.H * 0.95);
        // One glyph's width only: a label's strokes on top (the dot of 文, the bar of 行) must still count against it.
        var hairlines = ink.Width <= ink.Height ? HairlinesOnTop(pieces, tall, ink.Height) : 0;
        var smallPieces = pieces.Count - tall.Count - hairlines; // decimal points, commas
        // Two digits printed touching make one wide piece; in a long number that is the one exception allowed.
        // A pair is clearly wider than high, where a Chinese glyph is about square.
        var pairs = tall.Count(p => p.W >= p.H * 1.25 && p.W <= p.H * 1.9);
        var digitLike = narrow >= tall.Count * 0.8 || tall.Count >= 3 && pairs == 1 && narrow == tall.Count - 1;
        return digitLike && SharedTopAndBottom(tall, ink.Height) && smallPieces <= Math.Max(1, tall.Count / 3) && ink.Width <= t * 0.8 * (tall.Count + 1);
    }

    /// <summary>
    /// Small pieces in the upper part of the ink, over the tall strokes: the broken hairline top of a thin serif 0 or the
    /// bar of a 7 a bilevel scan cut into bits. A decimal point or a comma stands on the baseline and a minus at middle
    /// height, so these are no marks of a number; counted as such, they took a thin 0 and 7 for words, and with them
    /// the first number column of a bilevel active-2019 table (`generate --bilevel mixed --count 60 --seed 6060`, 0057).
    /// </summary>
    private static int HairlinesOnTop(List<(int X, int Y, int W, int H)> pieces, List<(int X, int Y, int W, int H)> tall, int inkHeight)
    {
        int top = pieces.Min(p => p.Y), left = tall.Min(p => p.X), right = tall.Max(p => p.X + p.W);
        return pieces.Count(p => !tall.Contains(p) && p.Y + p.H <= top + inkHeight * UpperPart && p.X + p.W / 2.0 >= left && p.X + p.W / 2.0 <= right);
    }

    /// <summary>The share of the ink's height, from its top, where no mark of a number stands.</summary>
    private const double UpperPart = 0.35;

    /// <summary>Pieces smaller than this share of the text height every way are specks, not strokes (a broken faint 0 left pieces of 0.27 t).</summary>
    private const double NoiseSpeckShare = 0.22;

    /// <summary>
    /// Pepper leaves a few specks in a blank cell; a faint thin label breaks into dozens, which must still be read as words.
    /// </summary>
    private const int MaxNoiseSpecks = 6;

    /// <summary>Stray specks are dropped only beside a short number: a faint label's strokes and specks are all its text.</summary>
    private const int MaxStrokesOfANumber = 4;

    /// <summary>
    /// The digits of a number stand on one baseline and reach one height; the tall pieces of Chinese glyphs (a
    /// radical, a lower component) start and end at uneven heights. A merged header such as 申请人情况 or a
    /// label such as 行政强制 otherwise passes for a row of narrow digits.
    /// </summary>
    private static bool SharedTopAndBottom(List<(int X, int Y, int W, int H)> tall, int inkHeight)
    {
        if (tall.Count < 3) return true;
        var tops = tall.Select(p => p.Y).Order().ToList();
        var bottoms = tall.Select(p => p.Y + p.H).Order().ToList();
        int top = tops[tops.Count / 2], bottom = bottoms[bottoms.Count / 2];
        var tolerance = Math.Max(3, inkHeight * 0.15);
        var aligned = tall.Count(p => Math.Abs(p.Y - top) <= tolerance && Math.Abs(p.Y + p.H - bottom) <= tolerance);
        return aligned >= tall.Count * 0.75;
    }
}

/// <summary>Ink in a narrow vertical band: how many pixels, in how many of its pixel columns and rows, and whether in its first or last row.</summary>
public sealed record EdgeInk(int Pixels, int Columns, int Rows, int Height, bool AtAnEnd)
{
    /// <summary>Ink pixels that may cross an edge and still part what stands either side (scan noise), in text heights.</summary>
    private const double Speck = 0.3;

    /// <summary>All the ink is an upright run no wider than a rule.</summary>
    public bool IsThin(double textHeight) => Columns <= Math.Max(3, textHeight * 0.12);

    /// <summary>A thin vertical run down nearly all the band: a stretch of a rule, not a glyph across it.</summary>
    public bool IsRuleRemnant(double textHeight) => IsThin(textHeight) && Rows >= Height * 0.9;

    /// <summary>
    /// Measured over a whole cell inside its rules: a narrow run from the cell's top or bottom down half of it or more, what a
    /// scan left of a rule lost part of the way (its upper half gone between two 无 of an appeals table, the stub below read
    /// as "|"). Glyphs keep their padding from the rules; a rule blurred and scaled up is wider than <see cref="IsThin"/>.
    /// </summary>
    public bool IsRuleStub(double textHeight) => IsShortRuleStub(textHeight) && Rows >= Height * 0.5;

    /// <summary>A narrow run from the cell's top or bottom, however short: a stub of a rule only where nothing else could be there.</summary>
    public bool IsShortRuleStub(double textHeight) => AtAnEnd && Columns <= Math.Max(3, textHeight * StubWidth);

    /// <summary>A stub's widest, in text heights: a 1.2 px rule scaled 2.6 times and blurred spans 5 px at a text height of 30.</summary>
    private const double StubWidth = 0.2;

    /// <summary>Nothing but a speck or a stretch of the rule crosses: what stands either side stands apart.</summary>
    public bool Parts(double textHeight) => Pixels <= textHeight * Speck || IsRuleRemnant(textHeight);
}
