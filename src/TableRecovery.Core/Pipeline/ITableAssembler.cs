using TableRecovery.Core.Ocr;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Pipeline;

/// <summary>Turns the tables read from one picture into result tables (layout, snapped cells, statuses).</summary>
public interface ITableAssembler
{
    List<TableResult> Assemble(IReadOnlyList<ReadTable> tables);
}
