using Microsoft.AspNetCore.Http.HttpResults;
using TableRecovery.Core.Layouts;
using TableRecovery.Core.Results;
using TableRecovery.Worker.Exports;
using TableRecovery.Worker.Review;
using TableRecovery.Worker.Storage;

namespace TableRecovery.Worker.Api;

/// <summary>
/// The reviewers' API, and the only way the review page reads or changes anything: the queue, leases, the table
/// view, crops, decisions (each re-solves the table) and exports. Reviewers sign in with a bearer token.
/// </summary>
public static class ReviewEndpoints
{
    public static RouteGroupBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/review").AddEndpointFilter<ReviewerFilter>().WithTags("Review");
        api.MapGet("/me", (HttpContext context) => TypedResults.Ok(new ReviewerResponse(ReviewerFilter.ReviewerOf(context))))
            .WithSummary("Who the token signs in as.");
        api.MapGet("/queue", QueueAsync).WithSummary("Tables with cells needing review, oldest first, with who holds each.");
        api.MapPost("/next", NextAsync).WithSummary("Lease the next table to review (the one you hold, else the oldest free one); 204 when none.");
        api.MapPost("/tables/{tableId:long}/lease", TakeAsync).WithSummary("Lease one table; 409 while another reviewer holds it.");
        api.MapDelete("/tables/{tableId:long}/lease", ReleaseAsync).WithSummary("Give a table back.");
        api.MapGet("/tables/{tableId:long}", ViewAsync).WithSummary("The table: labels, cells, candidates, identities with their sums, the order of work.");
        api.MapGet("/tables/{tableId:long}/crop", CropAsync)
            .WithSummary("PNG of a cell (?cell=<id>) as printed, or with &context=true the table around it with its labels and the cell framed.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        api.MapPost("/tables/{tableId:long}/decisions", DecideAsync)
            .WithSummary("Decide a cell: {cell, kind: typed|candidate|accepted|unreadable, value}. The table is solved again; the new view is returned.");
        api.MapPost("/tables/{tableId:long}/identities", KeepAsPrintedAsync)
            .WithSummary("Mark an identity 'printed inconsistent — keep as printed': {identity}.");
        api.MapGet("/tables/{tableId:long}/decisions", AuditAsync).WithSummary("The table's audit trail.");
        api.MapGet("/tables/{tableId:long}/export", ExportTableAsync).WithSummary("The table as ?format=json|csv|xlsx.");
        api.MapGet("/batches/{batchId}/export", ExportBatchAsync).WithSummary("Every table of a batch as ?format=json|csv|xlsx.");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<QueueItem>>> QueueAsync(IReviewStore store, TimeProvider time, CancellationToken cancellationToken, int limit = 200)
    {
        var now = time.GetUtcNow();
        var tables = await store.ListTablesNeedingReviewAsync(Math.Clamp(limit, 1, 1000), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<QueueItem>>(tables.Select(t => new QueueItem(
            t.TableId, t.Source, t.TableIndex, t.Layout, t.CellsNeedingReview,
            t.LeaseUntil > now ? t.LeasedBy : null, t.LeaseUntil > now ? t.LeaseUntil : null)).ToList());
    }

    public static async Task<Results<Ok<LeaseResponse>, NoContent>> NextAsync(HttpContext context, ReviewService review, CancellationToken cancellationToken) =>
        await review.NextAsync(ReviewerFilter.ReviewerOf(context), cancellationToken) is { } lease
            ? TypedResults.Ok(LeaseResponse.From(lease))
            : TypedResults.NoContent();

    public static async Task<Results<Ok<LeaseResponse>, ProblemHttpResult>> TakeAsync(
        long tableId, HttpContext context, ReviewService review, IReviewStore store, CancellationToken cancellationToken)
    {
        if (await review.TakeAsync(tableId, ReviewerFilter.ReviewerOf(context), cancellationToken) is { } lease) return TypedResults.Ok(LeaseResponse.From(lease));
        return await store.GetReviewTableAsync(tableId, cancellationToken) is { } table
            ? Problem(StatusCodes.Status409Conflict, "Table taken", $"Table {tableId} is being reviewed by {table.LeasedBy} until {table.LeaseUntil:u}.")
            : NoTable(tableId);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ReleaseAsync(long tableId, HttpContext context, ReviewService review, CancellationToken cancellationToken) =>
        await review.ReleaseAsync(tableId, ReviewerFilter.ReviewerOf(context), cancellationToken)
            ? TypedResults.NoContent()
            : Problem(StatusCodes.Status409Conflict, "Not yours", $"You do not hold table {tableId}.");

    public static async Task<Results<Ok<TableView>, ProblemHttpResult>> ViewAsync(long tableId, ReviewService review, CancellationToken cancellationToken) =>
        await review.ViewAsync(tableId, cancellationToken) is { } view ? TypedResults.Ok(view) : NoTable(tableId);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CropAsync(
        long tableId, string cell, ReviewService review, CancellationToken cancellationToken, bool context = false) =>
        await review.CropAsync(tableId, cell, context, cancellationToken) is { } png
            ? TypedResults.File(png, "image/png")
            : Problem(StatusCodes.Status404NotFound, "No picture", $"Table {tableId} has no picture of cell '{cell}' (not in the picture, or the input is not stored as an image).");

    public static async Task<Results<Ok<TableView>, ProblemHttpResult>> DecideAsync(
        long tableId, CellDecisionRequest request, HttpContext context, ReviewService review, CancellationToken cancellationToken) =>
        Respond(await review.DecideCellAsync(tableId, ReviewerFilter.ReviewerOf(context), request, cancellationToken));

    public static async Task<Results<Ok<TableView>, ProblemHttpResult>> KeepAsPrintedAsync(
        long tableId, IdentityDecisionRequest request, HttpContext context, ReviewService review, CancellationToken cancellationToken) =>
        Respond(await review.KeepAsPrintedAsync(tableId, ReviewerFilter.ReviewerOf(context), request.Identity, cancellationToken));

    public static async Task<Ok<IReadOnlyList<DecisionRecord>>> AuditAsync(long tableId, IReviewStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListDecisionsAsync(tableId, cancellationToken));

    public static async Task<Results<FileContentHttpResult, ContentHttpResult, ProblemHttpResult>> ExportTableAsync(
        long tableId, IReviewStore store, CancellationToken cancellationToken, string format = "json")
    {
        if (await store.GetReviewTableAsync(tableId, cancellationToken) is not { } stored) return NoTable(tableId);
        var table = new ExportedTable(stored.Source, stored.TableIndex, stored.Table);
        var document = new ResultDocument { Source = stored.Source, Sha256 = stored.Sha256, Tables = [stored.Table] };
        return Export(format, [table], $"table-{tableId}", ResultJson.Serialize(document));
    }

    public static async Task<Results<FileContentHttpResult, ContentHttpResult, ProblemHttpResult>> ExportBatchAsync(
        string batchId, IRecoveryStore recoveries, IReviewStore store, CancellationToken cancellationToken, string format = "json")
    {
        if (await recoveries.GetBatchAsync(batchId, cancellationToken) is not { } batch)
        {
            return Problem(StatusCodes.Status404NotFound, "No such batch", $"There is no batch '{batchId}'.");
        }
        var documents = new List<ResultDocument>();
        foreach (var file in batch.Files)
        {
            if (await recoveries.GetFileResultAsync(file.Id, cancellationToken) is { } document) documents.Add(document);
        }
        var tables = documents.SelectMany(d => d.Tables.Select((t, i) => new ExportedTable(d.Source, i, t))).ToList();
        var json = System.Text.Json.JsonSerializer.Serialize(new BatchExport(batch.Id, batch.ClientBatchId, documents), ResultJson.Options);
        return Export(format, tables, $"batch-{batch.Id}", json);
    }

    private static Results<FileContentHttpResult, ContentHttpResult, ProblemHttpResult> Export(
        string format, IReadOnlyList<ExportedTable> tables, string name, string json) => format switch
    {
        "json" => TypedResults.Text(json, "application/json", System.Text.Encoding.UTF8),
        "csv" => TypedResults.File(CsvExport.Write(tables), CsvExport.ContentType, $"{name}.csv"),
        "xlsx" => TypedResults.File(XlsxExport.Write(tables, LayoutCatalog.Default), XlsxExport.ContentType, $"{name}.xlsx"),
        _ => Problem(StatusCodes.Status400BadRequest, "Unknown format", $"Export as json, csv or xlsx, not '{format}'."),
    };

    private static Results<Ok<TableView>, ProblemHttpResult> Respond(ReviewResult<TableView> result) => result.Outcome switch
    {
        ReviewOutcome.Done => TypedResults.Ok(result.Value!),
        ReviewOutcome.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", result.Reason!),
        ReviewOutcome.NotLeased => Problem(StatusCodes.Status409Conflict, "Not your table", result.Reason!),
        _ => Problem(StatusCodes.Status400BadRequest, "Invalid decision", result.Reason!),
    };

    private static ProblemHttpResult NoTable(long tableId) => Problem(StatusCodes.Status404NotFound, "No such table", $"There is no table {tableId}.");

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(statusCode: status, title: title, detail: detail);
}

public sealed record ReviewerResponse(string Reviewer);

public sealed record QueueItem(long TableId, string Source, int TableIndex, string Layout, int CellsNeedingReview, string? LeasedBy, DateTimeOffset? LeaseUntil);

public sealed record LeaseResponse(long TableId, string Reviewer, DateTimeOffset Until)
{
    public static LeaseResponse From(ReviewLease lease) => new(lease.TableId, lease.Reviewer, lease.Until);
}

public sealed record IdentityDecisionRequest(string Identity);

public sealed record BatchExport(string BatchId, string ClientBatchId, IReadOnlyList<ResultDocument> Documents);
