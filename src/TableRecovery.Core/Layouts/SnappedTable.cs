using TableRecovery.Core.Grid;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Layouts;

/// <summary>Where a layout row was found: a lattice row, with the label similarity that put it there.</summary>
public sealed record RowMatch(string RowKey, int LatticeRow, double Similarity, MatchBasis Basis, string ReadLabel);

/// <summary>Where a layout column was found: the lattice columns under its header, within a block.</summary>
public sealed record ColumnMatch(string BlockKey, string ColumnKey, int FirstLatticeColumn, int LastLatticeColumn,
    double Similarity, MatchBasis Basis, string ReadHeader)
{
    /// <summary>
    /// The block's column header row has exactly one header cell (or one lattice column) for each of its columns, in order,
    /// none read as another column's and at least half as their own: the column sits at its place by the whole header row,
    /// however weakly its own header read (an active table's 本年新公开数量 read 本年新公卉数晕).
    /// </summary>
    public bool AtItsPlace { get; init; }
}

/// <summary>How well one layout explains a read table (0..1), and why.</summary>
public sealed record LayoutCandidate(string LayoutId, double Score, string Explanation);

/// <summary>
/// A read table mapped onto a layout.
/// </summary>
/// <param name="Layout">The layout the table was identified as.</param>
/// <param name="Score">How well the layout explains the table, 0..1 (see <see cref="LayoutCandidate"/>).</param>
/// <param name="CellsById">Every cell id of the layout: the read cell holding its number, or null when it is not
/// in the picture (row or column missing) or could not be told apart (see <see cref="UnresolvedCellIds"/>).
/// A lattice cell that holds the numbers of two layout cells (a rule the grid detector missed) is split into
/// one read cell per layout cell when its text splits cleanly.</param>
/// <param name="MissingRowKeys">Layout rows not found in the picture (e.g. a table cut off), in layout order.</param>
/// <param name="MissingColumnKeys">Layout columns not found, as "block/column" for block tables.</param>
/// <param name="UnresolvedCellIds">Cells whose row and column were found but whose number could not be
/// separated from a neighbour's, or whose position holds no numeric cell.</param>
/// <param name="Rows">Where each found layout row is, in layout order.</param>
/// <param name="Columns">Where each found layout column is.</param>
/// <param name="Notes">Human-readable reasons for every non-obvious decision.</param>
public sealed record SnappedTable(
    TableLayout Layout,
    double Score,
    IReadOnlyDictionary<string, ReadCell?> CellsById,
    IReadOnlyList<string> MissingRowKeys,
    IReadOnlyList<string> MissingColumnKeys,
    IReadOnlyList<string> UnresolvedCellIds,
    IReadOnlyList<RowMatch> Rows,
    IReadOnlyList<ColumnMatch> Columns,
    IReadOnlyList<string> Notes)
{
    public bool IsComplete => MissingRowKeys.Count == 0 && MissingColumnKeys.Count == 0 && UnresolvedCellIds.Count == 0;

    /// <summary>
    /// No label was read: the layout was told by the table's shape, rows and columns placed by position. Nothing
    /// read vouches for where any number sits, so every cell goes to a reviewer.
    /// </summary>
    public bool IdentifiedByShape { get; init; }

    /// <summary>
    /// The table has exactly the layout's rows, each at its own place, and the labels read (at least half of them lean to
    /// their own row, a third in a layout whose sums check the places; none elsewhere) agree: a row is placed by the whole table's structure, not by its own label alone, so
    /// a weakly read label (规章 read 丛章) still places its row firmly.
    /// </summary>
    public bool RowsAtTheirPlace { get; init; }

    /// <summary>
    /// The table has exactly the layout's data columns, in order, none of their headers read as another column's,
    /// and at least half read as their own (one, in a layout whose sums check the places): a column whose header is unreadable (a wrapped 自然人 lost to a rule's
    /// remnant) sits at its place by the whole header row, as firmly as its neighbours.
    /// </summary>
    public bool ColumnsAtTheirPlace { get; init; }

    /// <summary>
    /// The table shows no header (the later part of a table cut over two pages) and exactly the layout's data columns,
    /// so each column sits at its place by count. Joined to a part whose columns are at their place, so are its.
    /// </summary>
    public bool HeaderlessWithTheLayoutsColumns { get; init; }

    /// <summary>
    /// Lattice cells of one row, read as words, where the layout puts a number (bench150 0115: a faint serif font that blur
    /// and noise broke into pieces no digit vote counted, read by chi_sim as garble): worth reading again as numbers.
    /// </summary>
    public IReadOnlyList<LatticeCell> WordsWhereNumbersGo { get; init; } = [];
}

/// <summary>
/// The outcome of snapping one read table: the snapped table, or the reason no layout fits; with the score of
/// every layout tried, best first.
/// </summary>
public sealed record SnapResult(ReadTable Source, SnappedTable? Table, string? Reason, IReadOnlyList<LayoutCandidate> Candidates)
{
    public bool IsMatch => Table is not null;
}
