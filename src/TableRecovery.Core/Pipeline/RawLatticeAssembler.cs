using TableRecovery.Core.Ocr;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Pipeline;

/// <summary>
/// The lattice as read, without a layout: cell ids are "r{row}c{column}" and every number is flagged
/// for review. Used until a table is matched to a layout, and for diagnosing the reading stages.
/// </summary>
public sealed class RawLatticeAssembler : ITableAssembler
{
    /// <summary>The layout reported for a table no layout fits.</summary>
    public const string Unidentified = "unidentified";

    public List<TableResult> Assemble(IReadOnlyList<ReadTable> tables) => tables.Select(t => new TableResult
    {
        Layout = Unidentified,
        Image = t.Image,
        Rotation = t.Rotation,
        SkewDegrees = t.SkewDegrees,
        Status = Statuses.NeedsReview,
        Cells = t.Cells.Select(c => new CellResult
        {
            Id = $"r{c.Cell.Row}c{c.Cell.Column}",
            Text = c.Text,
            Value = null,
            Confidence = c.IsNumeric && c.Readings.Count > 0 ? c.Readings[0].Confidence : 0,
            Status = Statuses.NeedsReview,
            Box = c.SourceBox.IsEmpty ? null : [c.SourceBox.X, c.SourceBox.Y, c.SourceBox.Width, c.SourceBox.Height],
            Alternatives = !c.IsNumeric ? [] : c.Readings.Skip(1).Select(r => new AlternativeResult(null, r.Confidence)).ToList(),
        }).ToList(),
        Identities = [],
    }).ToList();
}
