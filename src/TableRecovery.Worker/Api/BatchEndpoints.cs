using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TableRecovery.Core.Results;
using TableRecovery.Worker.Hosting;
using TableRecovery.Worker.Processing;
using TableRecovery.Worker.Storage;

namespace TableRecovery.Worker.Api;

/// <summary>The scraper's API: post a batch, follow it, fetch each file's result document.</summary>
public static partial class BatchEndpoints
{
    public const string BatchIdField = "batch_id";
    public const string IdempotencyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapBatchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").AddEndpointFilter<ApiKeyFilter>().WithTags("Batches");
        api.MapPost("/batches", PostBatchAsync)
            .WithName("PostBatch")
            .WithSummary("Submit a batch of images (multipart/form-data, one part per file; optional batch_id field or Idempotency-Key header).")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .DisableAntiforgery();
        api.MapGet("/batches/{batchId}", GetBatchAsync).WithName("GetBatch").WithSummary("A batch's status with per-file progress.");
        api.MapGet("/files/{fileId}", GetFileAsync).WithName("GetFile").WithSummary("One file's status.");
        api.MapGet("/files/{fileId}/result", GetResultAsync)
            .WithName("GetFileResult")
            .WithSummary("One file's result document (output contract).")
            .Produces<ResultDocument>(StatusCodes.Status200OK, "application/json");
        return api;
    }

    public static async Task<Results<Accepted<BatchResponse>, Ok<BatchResponse>, ProblemHttpResult>> PostBatchAsync(
        HttpContext context, IRecoveryStore store, IOptionsMonitor<ApiOptions> options, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var limits = options.CurrentValue;
        var request = context.Request;
        if (!request.HasFormContentType || !(request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Post the files as multipart/form-data, one part per file.");
        }
        // A client still sending when we answer 413 and close gets a broken pipe instead of our answer,
        // so an oversized body is read to its end, up to a bound, before the 413 goes out.
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature ? feature : null;
        var drainBound = limits.MaxRequestBytes + OversizedBody.DrainAllowance;
        if (request.ContentLength > limits.MaxRequestBytes)
        {
            if (request.ContentLength <= drainBound && sizeFeature is not null)
            {
                sizeFeature.MaxRequestBodySize = request.ContentLength;
                await OversizedBody.DrainAsync(request.Body, cancellationToken);
            }
            else
            {
                context.Response.Headers.Connection = "close";
            }
            return TooLarge(limits);
        }
        if (sizeFeature is not null)
        {
            sizeFeature.MaxRequestBodySize = drainBound;
        }

        var body = request.Body;
        request.Body = new OversizedBody(body, limits.MaxRequestBytes);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is OversizedBodyException
            || (ex is InvalidDataException && ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)))
        {
            await OversizedBody.DrainAsync(body, cancellationToken);
            return TooLarge(limits);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limits);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed multipart body", ex.Message);
        }
        finally
        {
            request.Body = body;
        }

        var clientBatchId = form[BatchIdField].FirstOrDefault() ?? request.Headers[IdempotencyHeader].FirstOrDefault();
        if (clientBatchId is not null && !ClientBatchIdPattern().IsMatch(clientBatchId))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid batch id",
                "A batch id has 1 to 128 characters from A-Z, a-z, 0-9 and . _ : -");
        }
        if (form.Files.Count == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "No files", "The batch holds no file part.");
        }
        if (form.Files.Count > limits.MaxFilesPerBatch)
        {
            return Problem(StatusCodes.Status400BadRequest, "Too many files",
                $"A batch holds at most {limits.MaxFilesPerBatch} files; this one has {form.Files.Count}.");
        }

        var files = new List<NewBatchFile>(form.Files.Count);
        for (var i = 0; i < form.Files.Count; i++)
        {
            // An empty part is accepted: it gets its empty_file document like any unreadable input.
            var part = form.Files[i];
            using var buffer = new MemoryStream((int)Math.Min(part.Length, int.MaxValue));
            await part.CopyToAsync(buffer, cancellationToken);
            var bytes = buffer.ToArray();
            files.Add(new NewBatchFile(UploadNames.Sanitize(part.FileName, i), Hashing.Sha256(bytes), bytes));
        }

        var client = ApiKeyFilter.ClientOf(context);
        var created = await store.CreateBatchAsync(new NewBatch(client, clientBatchId, files, time.GetUtcNow()), cancellationToken);
        var logger = loggers.CreateLogger("TableRecovery.Worker.Api");
        using (logger.BeginScope("Batch:{Batch} Client:{Client}", created.Batch.Id, client))
        {
            logger.LogInformation(created.Created ? "Batch {Batch} accepted with {Files} files" : "Batch {Batch} posted again; nothing new created",
                created.Batch.Id, created.Batch.Total);
        }
        var response = BatchResponse.From(created.Batch);
        return created.Created
            ? TypedResults.Accepted($"/api/v1/batches/{created.Batch.Id}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> GetBatchAsync(
        string batchId, IRecoveryStore store, CancellationToken cancellationToken) =>
        await store.GetBatchAsync(batchId, cancellationToken) is { } batch
            ? TypedResults.Ok(BatchResponse.From(batch))
            : Problem(StatusCodes.Status404NotFound, "No such batch", $"There is no batch '{batchId}'.");

    public static async Task<Results<Ok<FileResponse>, ProblemHttpResult>> GetFileAsync(
        string fileId, IRecoveryStore store, CancellationToken cancellationToken) =>
        await store.GetFileAsync(fileId, cancellationToken) is { } file
            ? TypedResults.Ok(FileResponse.From(file))
            : Problem(StatusCodes.Status404NotFound, "No such file", $"There is no file '{fileId}'.");

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetResultAsync(
        string fileId, IRecoveryStore store, CancellationToken cancellationToken)
    {
        if (await store.GetFileResultAsync(fileId, cancellationToken) is { } document)
        {
            return TypedResults.Text(ResultJson.Serialize(document), "application/json", System.Text.Encoding.UTF8);
        }
        return await store.GetFileAsync(fileId, cancellationToken) is { } file
            ? Problem(StatusCodes.Status409Conflict, "Not finished yet", $"File '{fileId}' is {file.State}; try again later.")
            : Problem(StatusCodes.Status404NotFound, "No such file", $"There is no file '{fileId}'.");
    }

    private static ProblemHttpResult TooLarge(ApiOptions limits) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request too large",
            $"A batch request may carry at most {limits.MaxRequestBytes} bytes.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex ClientBatchIdPattern();
}

public sealed record FileResponse(string Id, string Name, string Sha256, string State, string? ErrorCode, int Tables, int CellsNeedingReview, string ResultUrl)
{
    public static FileResponse From(FileStatus f) =>
        new(f.Id, f.Name, f.Sha256, f.State, f.ErrorCode, f.Tables, f.CellsNeedingReview, $"/api/v1/files/{f.Id}/result");
}

public sealed record BatchResponse(string Id, string ClientBatchId, DateTimeOffset CreatedAt, int Total, int Finished, bool Complete, IReadOnlyList<FileResponse> Files)
{
    public static BatchResponse From(BatchStatus b) =>
        new(b.Id, b.ClientBatchId, b.CreatedAt, b.Total, b.Finished, b.Complete, b.Files.Select(FileResponse.From).ToList());
}
