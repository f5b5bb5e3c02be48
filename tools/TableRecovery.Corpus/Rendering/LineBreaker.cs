using TableRecovery.Corpus.Planning;

namespace TableRecovery.Corpus.Rendering;

/// <summary>
/// Chooses where ruling lines are broken: short white gaps (2–60 px) over random cell edges, and sometimes a
/// third of a whole rule missing, as in poor scans and faint printing.
/// </summary>
public static class LineBreaker
{
    public static IReadOnlyList<CssRect> Choose(Random random, PageGeometry geometry, RenderStyle style)
    {
        var rects = new List<CssRect>();
        var cells = geometry.Tables.SelectMany(t => t.Cells).ToList();
        if (cells.Count == 0)
        {
            return rects;
        }
        var thickness = style.BorderPx + 2;
        for (var i = 0; i < style.LineGaps; i++)
        {
            var box = random.Pick(cells).Box;
            var horizontal = random.Chance(0.5);
            var length = random.Uniform(2, 60);
            if (horizontal)
            {
                var y = random.Chance(0.5) ? box[1] : box[1] + box[3];
                var x = box[0] + random.Uniform(0, Math.Max(1, box[2] - length));
                rects.Add(new CssRect(x, y - thickness / 2.0, Math.Min(length, box[2]), thickness));
            }
            else
            {
                var x = random.Chance(0.5) ? box[0] : box[0] + box[2];
                var y = box[1] + random.Uniform(0, Math.Max(1, box[3] - length));
                rects.Add(new CssRect(x - thickness / 2.0, y, thickness, Math.Min(length, box[3])));
            }
        }
        for (var i = 0; i < style.MissingLineThirds; i++)
        {
            var table = random.Pick(geometry.Tables);
            var box = random.Pick(table.Cells).Box;
            var t = table.Box;
            var y = box[1];
            var x = t[0] + random.Uniform(0, t[2] * 2 / 3);
            rects.Add(new CssRect(x, y - thickness / 2.0, t[2] / 3, thickness));
        }
        return rects;
    }
}
