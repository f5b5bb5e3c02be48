using System.Text.Json;
using System.Text.Json.Serialization;

namespace TableRecovery.Core.Results;

/// <summary>
/// The one document every way in (CLI, folder, HTTP) produces for an input file
/// (../shared/spec/output-contract.md). Field names are snake_case on the wire.
/// </summary>
public sealed record ResultDocument
{
    public required string Source { get; init; }
    public required string Sha256 { get; init; }
    public IReadOnlyList<TableResult> Tables { get; init; } = [];
    public IReadOnlyList<ResultError> Errors { get; init; } = [];

    /// <summary>The report's agency and year, read from its title when one was found (documents: .docx, PDF).</summary>
    public ReportInfo? Report { get; init; }

    public static ResultDocument Failed(string source, string sha256, string code, string message) =>
        new() { Source = source, Sha256 = sha256, Errors = [new ResultError(code, message)] };
}

public sealed record TableResult
{
    public required string Layout { get; init; }
    public required string Image { get; init; }
    public int Rotation { get; init; }
    public double SkewDegrees { get; init; }
    public required string Status { get; init; }
    public required IReadOnlyList<CellResult> Cells { get; init; }
    public required IReadOnlyList<IdentityResult> Identities { get; init; }

    /// <summary>Row keys of the layout that were not in the picture (a table cut over two pictures).</summary>
    public IReadOnlyList<string>? MissingRows { get; init; }

    /// <summary>
    /// For a table cut over several pictures or pages and joined: every picture it came from, in order (<see cref="Image"/>
    /// is the first); each cell's <see cref="CellResult.Image"/> then says which one holds it. Null for a table in one picture.
    /// </summary>
    public IReadOnlyList<string>? Parts { get; init; }

    /// <summary>
    /// Why the table is (or is not) the layout it is reported as: the identification and its runner-up, rows placed by
    /// a guess, the reason no layout fits (extra field of the contract). A reviewer reads it before the cells.
    /// </summary>
    public IReadOnlyList<string>? Notes { get; init; }
}

/// <summary>The report a document is: its agency and year as printed in its title, and the title itself.</summary>
public sealed record ReportInfo(string Agency, int Year, string Title);

public sealed record CellResult
{
    public required string Id { get; init; }
    public decimal? Value { get; init; }
    public string? Text { get; init; }
    public double Confidence { get; init; }
    public required string Status { get; init; }
    public IReadOnlyList<int>? Box { get; init; }

    /// <summary>The picture holding the cell (its <see cref="Box"/> is in that picture), for a table joined from several.</summary>
    public string? Image { get; init; }

    public IReadOnlyList<AlternativeResult> Alternatives { get; init; } = [];
    public string? ConfirmedBy { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }

    /// <summary>A reviewer found the print illegible: the value is null on purpose (status <c>confirmed</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Unreadable { get; init; }

    /// <summary>
    /// Why the cell is kept for review whatever its readings and identities say (<see cref="Holds"/>): its row or column
    /// placed without a clear label, its table identified by its shape alone, and the like. A re-solve after a reviewer's
    /// decision keeps it for review, since the solver sees only readings and sums; confirming the cell ends the hold.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Held { get; init; }

    /// <summary>
    /// The OCR's own readings of the cell (extra field of the contract). Kept so a reviewer's decision can be
    /// re-solved exactly as the pipeline solved the table, from the document alone.
    /// </summary>
    public IReadOnlyList<ReadingResult>? Readings { get; init; }
}

public sealed record AlternativeResult(decimal? Value, double Confidence);

/// <summary>The reasons a cell is held for review beyond its readings (<see cref="CellResult.Held"/>): stable snake_case words.</summary>
public static class Holds
{
    /// <summary>The table was identified by its shape alone: nothing read placed its numbers.</summary>
    public const string IdentifiedByShape = "identified_by_shape";

    /// <summary>The cell's row or column was placed without a clear label, and no identity checks the cell.</summary>
    public const string NotFirmlyPlaced = "not_firmly_placed";

    /// <summary>Another reading of the cell shows more digits: one may have been lost.</summary>
    public const string DigitsMayBeLost = "digits_may_be_lost";

    /// <summary>The cell's ink stands in separate groups: two numbers may share a cell whose rule was lost.</summary>
    public const string NumbersStandApart = "numbers_stand_apart";

    /// <summary>The row was placed on part of its label, in a table found from its text alone.</summary>
    public const string PlacedOnPartOfItsLabel = "placed_on_part_of_its_label";

    /// <summary>A positive number that may be negative, read from a bilevel scan, whose cut can take a minus whole.</summary>
    public const string SignMayBeCut = "sign_may_be_cut";
}

/// <summary>One reading of a cell: the text, the engine's confidence and how it was read (cell, strip, choice, text).</summary>
public sealed record ReadingResult(string Text, double Confidence, string Method);

public sealed record IdentityResult
{
    public required string Name { get; init; }
    public bool Holds { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool PublishedInconsistent { get; init; }

    /// <summary>sum(lhs) and sum(rhs) on the output values, so a reader sees by how much it breaks.</summary>
    public decimal? LhsSum { get; init; }
    public decimal? RhsSum { get; init; }

    /// <summary>A reviewer declared the printed table itself inconsistent here: kept as printed, no longer a constraint.</summary>
    public string? KeptAsPrintedBy { get; init; }
    public DateTimeOffset? KeptAsPrintedAt { get; init; }
}

public sealed record ResultError(string Code, string Message);

/// <summary>Cell and table statuses of the output contract.</summary>
public static class Statuses
{
    public const string Ok = "ok";
    public const string Corrected = "corrected";
    public const string NeedsReview = "needs_review";
    public const string Confirmed = "confirmed";
}

/// <summary>Stable error codes of the output contract.</summary>
public static class ErrorCodes
{
    public const string EmptyFile = "empty_file";
    public const string UnsupportedFormat = "unsupported_format";
    public const string CorruptImage = "corrupt_image";
    public const string ImageTooLarge = "image_too_large";
    public const string NoTableFound = "no_table_found";
    public const string LayoutNotRecognized = "layout_not_recognized";
    public const string CorruptDocument = "corrupt_document";
    public const string EncryptedDocument = "encrypted_document";
    public const string DocumentTooLarge = "document_too_large";
    public const string InternalError = "internal_error";
}

public static class ResultJson
{
    /// <summary>The serializer settings of the wire format: snake_case, nulls omitted, indented.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(ResultDocument document) => JsonSerializer.Serialize(document, Options);

    public static ResultDocument Deserialize(string json) =>
        JsonSerializer.Deserialize<ResultDocument>(json, Options) ?? throw new JsonException("Empty result document.");
}
