namespace TableRecovery.Core.Grid;

/// <summary>An axis-aligned rectangle in pixels.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;
    public int CenterX => X + Width / 2;
    public int CenterY => Y + Height / 2;
    public bool IsEmpty => Width <= 0 || Height <= 0;

    public bool Contains(int x, int y) => x >= X && x < Right && y >= Y && y < Bottom;

    public PixelRect Inflate(int dx, int dy) => new(X - dx, Y - dy, Width + 2 * dx, Height + 2 * dy);

    public PixelRect Intersect(PixelRect other)
    {
        int x = Math.Max(X, other.X), y = Math.Max(Y, other.Y);
        int r = Math.Min(Right, other.Right), b = Math.Min(Bottom, other.Bottom);
        return r <= x || b <= y ? default : new PixelRect(x, y, r - x, b - y);
    }

    /// <summary>The smallest rectangle holding both.</summary>
    public PixelRect Union(PixelRect other)
    {
        int x = Math.Min(X, other.X), y = Math.Min(Y, other.Y);
        return new PixelRect(x, y, Math.Max(Right, other.Right) - x, Math.Max(Bottom, other.Bottom) - y);
    }

    public override string ToString() => $"[{X},{Y} {Width}x{Height}]";
}

/// <summary>
/// One cell of a detected lattice: its top-left grid position and how many grid rows/columns it spans
/// (a merged cell spans more than one).
/// </summary>
public sealed record LatticeCell(int Row, int Column, int RowSpan, int ColumnSpan, PixelRect Box)
{
    public int LastRow => Row + RowSpan - 1;
    public int LastColumn => Column + ColumnSpan - 1;
}

/// <summary>
/// The ruled grid of one table in the normalized (rotated, deskewed, scaled) image: the y of each
/// horizontal rule, the x of each vertical rule, and the cells between them with their spans.
/// </summary>
public sealed record Lattice(IReadOnlyList<int> RowEdges, IReadOnlyList<int> ColumnEdges, IReadOnlyList<LatticeCell> Cells)
{
    public int RowCount => RowEdges.Count - 1;
    public int ColumnCount => ColumnEdges.Count - 1;
    public PixelRect Bounds => new(ColumnEdges[0], RowEdges[0], ColumnEdges[^1] - ColumnEdges[0], RowEdges[^1] - RowEdges[0]);

    /// <summary>The cell covering grid position (row, column), merged or not.</summary>
    public LatticeCell? At(int row, int column) =>
        Cells.FirstOrDefault(c => row >= c.Row && row <= c.LastRow && column >= c.Column && column <= c.LastColumn);
}
