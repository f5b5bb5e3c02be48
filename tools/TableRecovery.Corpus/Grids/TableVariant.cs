using TableRecovery.Corpus.Truth;

namespace TableRecovery.Corpus.Grids;

/// <summary>
/// How one printed table departs from the bare official grid: the choices real reports make.
/// </summary>
/// <param name="TitleRow">A title printed inside the table as its first row, spanning all columns; null for none.</param>
/// <param name="ExtraBlankColumn">An empty column at the right edge (a common Word artefact).</param>
/// <param name="TotalSpansHeaderRows">requests-*: 总计 reaches down from the first header row instead of the second.</param>
/// <param name="HalfWidthParentheses">Labels printed "(一) 予以公开" instead of "（一）予以公开".</param>
public sealed record TableVariant(
    PrintStyle Print,
    string? TitleRow = null,
    bool ExtraBlankColumn = false,
    bool TotalSpansHeaderRows = false,
    bool HalfWidthParentheses = false);
