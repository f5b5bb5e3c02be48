namespace TableRecovery.Core.Ocr;

/// <summary>The 8-connected pieces of a small binary image, with how much of each one's ink lies near the image's edges.</summary>
internal static class InkPieces
{
    public readonly record struct Piece((int X, int Y, int W, int H) Box, int Count, int NearEdge);

    public static List<Piece> Of(byte[] ink, int width, int height, int edgeDepth)
    {
        var pieces = new List<Piece>();
        var seen = new bool[ink.Length];
        var stack = new Stack<int>();
        for (var start = 0; start < ink.Length; start++)
        {
            if (ink[start] == 0 || seen[start]) continue;
            int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1, count = 0, nearEdge = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                int x = p % width, y = p / width;
                count++;
                if (x < edgeDepth || y < edgeDepth || x >= width - edgeDepth || y >= height - edgeDepth) nearEdge++;
                x0 = Math.Min(x0, x); y0 = Math.Min(y0, y); x1 = Math.Max(x1, x); y1 = Math.Max(y1, y);
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
                        var q = ny * width + nx;
                        if (ink[q] == 0 || seen[q]) continue;
                        seen[q] = true;
                        stack.Push(q);
                    }
                }
            }
            pieces.Add(new Piece((x0, y0, x1 - x0 + 1, y1 - y0 + 1), count, nearEdge));
        }
        return pieces;
    }
}
