using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using TableRecovery.Core.Results;

namespace TableRecovery.Worker.Storage;

/// <summary>
/// The SQL shared by both back ends. Times are stored as Unix milliseconds from the caller's clock, so the
/// schema is the same on SQLite and PostgreSQL and tests can move time. Subclasses give the connection,
/// the claim query and the migration lock.
/// </summary>
public abstract class SqlRecoveryStore : IRecoveryStore, IReviewStore
{
    static SqlRecoveryStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    private readonly TimeProvider _time;

    protected SqlRecoveryStore(TimeProvider time) => _time = time;

    protected abstract string Dialect { get; }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Serializes migrators of several processes inside the given transaction.</summary>
    protected abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction);

    /// <summary>UPDATE … RETURNING that claims the oldest available content (SKIP LOCKED where the database has it).</summary>
    protected abstract string ClaimNextSql { get; }

    /// <summary>A cell value as the back end stores it (exact decimal).</summary>
    protected abstract object? CellValue(decimal? value);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockForMigrationAsync(connection, transaction);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            transaction: transaction);
        var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations", transaction: transaction)).ToHashSet();
        foreach (var migration in Migrations.For(Dialect).Where(m => !applied.Contains(m.Version)))
        {
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { migration.Version, migration.Name, At = Now() }, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<BatchCreation> CreateBatchAsync(NewBatch batch, CancellationToken cancellationToken)
    {
        var batchId = NewId("b");
        var clientBatchId = string.IsNullOrWhiteSpace(batch.ClientBatchId) ? batchId : batch.ClientBatchId;
        await using (var connection = await OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var inserted = await connection.QuerySingleOrDefaultAsync<string>(
                """
                INSERT INTO batches (id, client_id, client_batch_id, created_at, file_count)
                VALUES (@batchId, @ClientId, @clientBatchId, @at, @count)
                ON CONFLICT (client_id, client_batch_id) DO NOTHING
                RETURNING id
                """,
                new { batchId, batch.ClientId, clientBatchId, at = Millis(batch.CreatedAt), count = batch.Files.Count }, transaction);
            if (inserted is null)
            {
                var existing = await connection.QuerySingleAsync<string>(
                    "SELECT id FROM batches WHERE client_id = @ClientId AND client_batch_id = @clientBatchId",
                    new { batch.ClientId, clientBatchId }, transaction);
                await transaction.RollbackAsync(cancellationToken);
                return new BatchCreation(false, (await GetBatchAsync(existing, cancellationToken))!);
            }

            for (var i = 0; i < batch.Files.Count; i++)
            {
                var file = batch.Files[i];
                await InsertContentAsync(connection, transaction, file.Name, file.Sha256, file.Bytes, batch.CreatedAt);
                await connection.ExecuteAsync(
                    """
                    INSERT INTO files (id, batch_id, position, name, sha256, origin, created_at)
                    VALUES (@id, @batchId, @i, @Name, @Sha256, 'http', @at)
                    """,
                    new { id = NewId("f"), batchId, i, file.Name, file.Sha256, at = Millis(batch.CreatedAt) }, transaction);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return new BatchCreation(true, (await GetBatchAsync(batchId, cancellationToken))!);
    }

    public async Task<BatchStatus?> GetBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var batch = await connection.QuerySingleOrDefaultAsync<BatchRow>(
            "SELECT id, client_batch_id, created_at FROM batches WHERE id = @batchId", new { batchId });
        if (batch is null) return null;
        var files = await connection.QueryAsync<FileRow>(FileStatusSql + " WHERE f.batch_id = @batchId ORDER BY f.position", new { batchId });
        return new BatchStatus(batch.Id, batch.ClientBatchId, FromMillis(batch.CreatedAt), files.Select(f => f.ToStatus()).ToList());
    }

    public async Task<FileStatus?> GetFileAsync(string fileId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<FileRow>(FileStatusSql + " WHERE f.id = @fileId", new { fileId });
        return row?.ToStatus();
    }

    public async Task<ResultDocument?> GetFileResultAsync(string fileId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Name, string? Json)>(
            "SELECT f.name, c.result_json FROM files f JOIN contents c ON c.sha256 = f.sha256 WHERE f.id = @fileId", new { fileId });
        return row.Json is null ? null : ResultJson.Deserialize(row.Json) with { Source = row.Name };
    }

    public async Task<LocalIngest> IngestLocalFileAsync(LocalFile file, Lease lease, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertContentAsync(connection, transaction, file.Name, file.Sha256, file.Bytes, lease.Now);
        // A folder file's id is derived from its name and bytes, so a file put back after a crash is the same file.
        var fileId = "f_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(file.Name + "\n" + file.Sha256)))[..24];
        await connection.ExecuteAsync(
            """
            INSERT INTO files (id, batch_id, position, name, sha256, origin, created_at)
            VALUES (@fileId, NULL, 0, @Name, @Sha256, 'folder', @at)
            ON CONFLICT (id) DO NOTHING
            """,
            new { fileId, file.Name, file.Sha256, at = Millis(lease.Now) }, transaction);
        var attempts = await connection.QuerySingleOrDefaultAsync<long?>(
            """
            UPDATE contents SET state = 'processing', claimed_by = @WorkerId, lease_until = @until, attempts = attempts + 1
            WHERE sha256 = @Sha256 AND (state = 'queued' OR (state = 'processing' AND lease_until < @now))
            RETURNING attempts
            """,
            new { lease.WorkerId, until = Millis(lease.Until), now = Millis(lease.Now), file.Sha256 }, transaction);
        LocalIngest outcome;
        if (attempts is { } n)
        {
            outcome = new LocalIngest(LocalIngestKind.ClaimedByCaller, new ContentClaim(file.Sha256, file.Name, file.Bytes, (int)n), null);
        }
        else
        {
            var state = await connection.QuerySingleAsync<(string State, string? Json)>(
                "SELECT state, result_json FROM contents WHERE sha256 = @Sha256", new { file.Sha256 }, transaction);
            outcome = state.Json is { } json
                ? new LocalIngest(LocalIngestKind.AlreadyFinished, null, ResultJson.Deserialize(json))
                : new LocalIngest(LocalIngestKind.HeldByAnotherWorker, null, null);
        }
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    public async Task<ContentClaim?> ClaimNextAsync(Lease lease, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ClaimRow>(
            ClaimNextSql, new { lease.WorkerId, until = Millis(lease.Until), now = Millis(lease.Now) }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return row is null ? null : new ContentClaim(row.Sha256, row.Name, row.Bytes, (int)row.Attempts);
    }

    public async Task<bool> RenewLeaseAsync(string sha256, Lease lease, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(
            "UPDATE contents SET lease_until = @until WHERE sha256 = @sha256 AND state = 'processing' AND claimed_by = @WorkerId",
            new { sha256, lease.WorkerId, until = Millis(lease.Until) });
        return updated == 1;
    }

    public async Task<bool> CompleteAsync(string sha256, string workerId, ResultDocument document, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var firstError = document.Errors.FirstOrDefault();
        var updated = await connection.ExecuteAsync(
            """
            UPDATE contents
            SET state = @state, result_json = @json, completed_at = @now, claimed_by = NULL, lease_until = NULL, recovered_by = @workerId,
                recoveries = recoveries + 1, error_code = @code, error_message = @message
            WHERE sha256 = @sha256 AND state = 'processing' AND claimed_by = @workerId
            """,
            new
            {
                sha256, workerId, state = ContentStates.Of(document), json = ResultJson.Serialize(document),
                now = Now(), code = firstError?.Code, message = firstError?.Message,
            }, transaction);
        if (updated != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await connection.ExecuteAsync(
            "DELETE FROM result_cells WHERE table_id IN (SELECT id FROM result_tables WHERE sha256 = @sha256)", new { sha256 }, transaction);
        await connection.ExecuteAsync("DELETE FROM result_tables WHERE sha256 = @sha256", new { sha256 }, transaction);
        for (var i = 0; i < document.Tables.Count; i++)
        {
            var table = document.Tables[i];
            // The contract has each cell id once per table; a repeated id keeps its first reading rather than failing the file.
            var tableId = await connection.QuerySingleAsync<long>(
                """
                INSERT INTO result_tables (sha256, table_index, layout, image, status, rotation, skew_degrees, cells_needing_review)
                VALUES (@sha256, @i, @Layout, @Image, @Status, @Rotation, @SkewDegrees, @flagged)
                RETURNING id
                """,
                new
                {
                    sha256, i, table.Layout, table.Image, table.Status, table.Rotation, table.SkewDegrees,
                    flagged = table.Cells.Count(c => c.Status == Statuses.NeedsReview),
                }, transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO result_cells (table_id, cell_id, value, text, confidence, status, box, alternatives_json)
                VALUES (@tableId, @Id, @Value, @Text, @Confidence, @Status, @Box, @Alternatives)
                ON CONFLICT (table_id, cell_id) DO NOTHING
                """,
                table.Cells.Select(c => new
                {
                    tableId, c.Id, Value = CellValue(c.Value), c.Text, c.Confidence, c.Status,
                    Box = c.Box is null ? null : string.Join(',', c.Box),
                    Alternatives = JsonSerializer.Serialize(c.Alternatives, ResultJson.Options),
                }), transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task ReleaseAsync(string sha256, string workerId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            UPDATE contents SET state = 'queued', claimed_by = NULL, lease_until = NULL, attempts = attempts - 1
            WHERE sha256 = @sha256 AND state = 'processing' AND claimed_by = @workerId
            """,
            new { sha256, workerId });
    }

    public async Task<ContentState?> GetContentAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ContentRow>(
            "SELECT sha256, state, claimed_by, lease_until, recoveries, result_json FROM contents WHERE sha256 = @sha256", new { sha256 });
        return row is null
            ? null
            : new ContentState(row.Sha256, row.State, row.ClaimedBy, row.LeaseUntil is { } l ? FromMillis(l) : null,
                (int)row.Recoveries, row.ResultJson is { } json ? ResultJson.Deserialize(json) : null);
    }

    public async Task<QueueCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var counts = (await connection.QueryAsync<(string State, long Count)>("SELECT state, COUNT(*) FROM contents GROUP BY state"))
            .ToDictionary(r => r.State, r => r.Count);
        return new QueueCounts(
            counts.GetValueOrDefault(ContentStates.Queued), counts.GetValueOrDefault(ContentStates.Processing),
            counts.GetValueOrDefault(ContentStates.Done), counts.GetValueOrDefault(ContentStates.Failed));
    }

    public async Task<IReadOnlyList<ReviewTable>> ListTablesNeedingReviewAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReviewRow>(
            ReviewRowSql + """
             WHERE t.cells_needing_review > 0
            ORDER BY c.completed_at, t.id
            LIMIT @limit
            """, new { limit });
        return rows.Select(r => r.ToTable()).ToList();
    }

    /// <summary>UPDATE … RETURNING id, review_lease_until that leases the reviewer's table or the oldest free one.</summary>
    protected abstract string AcquireNextReviewSql { get; }

    /// <summary>Locks the selected rows for the rest of the transaction where the database can (" FOR UPDATE").</summary>
    protected abstract string ForUpdate { get; }

    public async Task<ReviewLease?> AcquireNextTableAsync(Lease lease, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LeaseRow>(
            AcquireNextReviewSql, new { reviewer = lease.WorkerId, now = Millis(lease.Now), until = Millis(lease.Until) }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return row is null ? null : new ReviewLease(row.Id, lease.WorkerId, FromMillis(row.ReviewLeaseUntil));
    }

    public async Task<ReviewLease?> AcquireTableAsync(long tableId, Lease lease, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(
            """
            UPDATE result_tables SET review_lease_by = @reviewer, review_lease_until = @until
            WHERE id = @tableId AND (review_lease_by IS NULL OR review_lease_by = @reviewer OR review_lease_until < @now)
            """, new { tableId, reviewer = lease.WorkerId, now = Millis(lease.Now), until = Millis(lease.Until) });
        return updated == 1 ? new ReviewLease(tableId, lease.WorkerId, lease.Until) : null;
    }

    public async Task<bool> ReleaseTableAsync(long tableId, string reviewer, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE result_tables SET review_lease_by = NULL, review_lease_until = NULL WHERE id = @tableId AND review_lease_by = @reviewer",
            new { tableId, reviewer }) == 1;
    }

    public async Task<ReviewedTable?> GetReviewTableAsync(long tableId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StateRow>(StateSql, new { tableId });
        return row?.ToReviewed();
    }

    public async Task<byte[]?> GetContentBytesAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<byte[]>("SELECT bytes FROM contents WHERE sha256 = @sha256", new { sha256 });
    }

    public async Task<ReviewSave> SaveDecisionAsync(ReviewDecision decision, Func<TableResult, TableResult> apply, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Locks the document: two tables of one picture share it, and their reviewers must not overwrite each other.
        var row = await connection.QuerySingleOrDefaultAsync<StateRow>(StateSql + ForUpdate, new { tableId = decision.TableId }, transaction);
        if (row?.ToReviewed() is not { } current)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new ReviewSave(ReviewSaveOutcome.NoSuchTable, null);
        }
        var now = Millis(decision.Lease.Now);
        if (row.ReviewLeaseBy != decision.Lease.WorkerId || row.ReviewLeaseUntil is not { } until || until < now)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new ReviewSave(ReviewSaveOutcome.NotLeased, current.Table,
                row.ReviewLeaseBy is { } holder && row.ReviewLeaseUntil >= now && holder != decision.Lease.WorkerId
                    ? $"The table is being reviewed by {holder}."
                    : "Take the table first (POST /api/v1/review/next or /tables/{id}/lease): your lease is missing or expired.");
        }

        TableResult next;
        try
        {
            next = apply(current.Table);
        }
        catch (ArgumentException e)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new ReviewSave(ReviewSaveOutcome.Rejected, current.Table, e.Message);
        }

        var document = ResultJson.Deserialize(row.ResultJson!);
        var tables = document.Tables.ToList();
        tables[current.TableIndex] = next;
        await connection.ExecuteAsync("UPDATE contents SET result_json = @json WHERE sha256 = @sha256",
            new { json = ResultJson.Serialize(document with { Tables = tables }), sha256 = current.Sha256 }, transaction);
        await connection.ExecuteAsync(
            """
            UPDATE result_cells SET value = @Value, status = @Status, confidence = @Confidence, alternatives_json = @Alternatives,
                   confirmed_by = @ConfirmedBy, confirmed_at = @ConfirmedAt
            WHERE table_id = @TableId AND cell_id = @Id
            """,
            next.Cells.Select(c => new
            {
                decision.TableId, c.Id, Value = CellValue(c.Value), c.Status, c.Confidence,
                Alternatives = JsonSerializer.Serialize(c.Alternatives, ResultJson.Options),
                c.ConfirmedBy, ConfirmedAt = c.ConfirmedAt is { } at ? Millis(at) : (long?)null,
            }), transaction);
        await connection.ExecuteAsync(
            """
            UPDATE result_tables SET status = @Status, cells_needing_review = @flagged, review_version = review_version + 1,
                   review_lease_until = @until
            WHERE id = @TableId
            """,
            new { next.Status, flagged = next.Cells.Count(c => c.Status == Statuses.NeedsReview), until = Millis(decision.Lease.Until), decision.TableId },
            transaction);

        if (decision.Kind == DecisionKinds.KeepAsPrinted)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO review_identity_decisions (table_id, identity_name, reviewer, decided_at, held_before)
                VALUES (@TableId, @Subject, @reviewer, @now, @heldBefore)
                """,
                new
                {
                    decision.TableId, decision.Subject, reviewer = decision.Lease.WorkerId, now,
                    heldBefore = current.Table.Identities.FirstOrDefault(i => i.Name == decision.Subject)?.Holds ?? false,
                }, transaction);
        }
        else
        {
            var before = current.Table.Cells.First(c => c.Id == decision.Subject);
            var after = next.Cells.First(c => c.Id == decision.Subject);
            await connection.ExecuteAsync(
                """
                INSERT INTO review_decisions (table_id, cell_id, reviewer, decided_at, old_value, new_value, old_status, new_status, kind)
                VALUES (@TableId, @Subject, @reviewer, @now, @oldValue, @newValue, @oldStatus, @newStatus, @Kind)
                """,
                new
                {
                    decision.TableId, decision.Subject, reviewer = decision.Lease.WorkerId, now, decision.Kind,
                    oldValue = CellValue(before.Value), newValue = CellValue(after.Value), oldStatus = before.Status, newStatus = after.Status,
                }, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return new ReviewSave(ReviewSaveOutcome.Saved, next);
    }

    public async Task<IReadOnlyList<DecisionRecord>> ListDecisionsAsync(long tableId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var cells = await connection.QueryAsync<AuditRow>(
            """
            SELECT kind, cell_id AS subject, reviewer, decided_at, CAST(old_value AS TEXT) AS old_value,
                   CAST(new_value AS TEXT) AS new_value, old_status, new_status
            FROM review_decisions WHERE table_id = @tableId ORDER BY id
            """, new { tableId });
        var identities = await connection.QueryAsync<AuditRow>(
            """
            SELECT 'keep_as_printed' AS kind, identity_name AS subject, reviewer, decided_at
            FROM review_identity_decisions WHERE table_id = @tableId ORDER BY id
            """, new { tableId });
        return cells.Concat(identities)
            .OrderBy(r => r.DecidedAt)
            .Select(r => new DecisionRecord(r.Kind, r.Subject, r.Reviewer, FromMillis(r.DecidedAt),
                ParseValue(r.OldValue), ParseValue(r.NewValue), r.OldStatus, r.NewStatus))
            .ToList();
    }

    private const string ReviewRowSql =
        """
        SELECT t.id AS table_id, t.sha256, c.name AS source, t.table_index, t.layout, t.cells_needing_review,
               t.review_lease_by, t.review_lease_until
        FROM result_tables t JOIN contents c ON c.sha256 = t.sha256
        """;

    private const string StateSql =
        """
        SELECT t.id AS table_id, t.sha256, t.table_index, t.review_lease_by, t.review_lease_until, t.review_version,
               c.name AS content_name, c.result_json,
               (SELECT f.name FROM files f WHERE f.sha256 = t.sha256 ORDER BY f.created_at, f.id LIMIT 1) AS source,
               (SELECT f.batch_id FROM files f WHERE f.sha256 = t.sha256 AND f.batch_id IS NOT NULL ORDER BY f.created_at, f.id LIMIT 1) AS batch_id
        FROM result_tables t JOIN contents c ON c.sha256 = t.sha256
        WHERE t.id = @tableId
        """;

    private async Task InsertContentAsync(DbConnection connection, DbTransaction transaction, string name, string sha256, byte[] bytes, DateTimeOffset at) =>
        await connection.ExecuteAsync(
            """
            INSERT INTO contents (sha256, name, bytes, size_bytes, state, attempts, queued_at, recoveries)
            VALUES (@sha256, @name, @bytes, @size, 'queued', 0, @at, 0)
            ON CONFLICT (sha256) DO NOTHING
            """,
            new { sha256, name, bytes, size = (long)bytes.Length, at = Millis(at) }, transaction);

    private const string FileStatusSql =
        """
        SELECT f.id, f.batch_id, f.name, f.sha256, c.state, c.error_code,
               (SELECT COUNT(*) FROM result_tables t WHERE t.sha256 = f.sha256) AS tables,
               (SELECT CAST(COALESCE(SUM(t.cells_needing_review), 0) AS BIGINT) FROM result_tables t WHERE t.sha256 = f.sha256) AS cells_needing_review
        FROM files f JOIN contents c ON c.sha256 = f.sha256
        """;

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static long Millis(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    private static decimal? ParseValue(string? text) =>
        text is null ? null : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string NewId(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    private sealed class BatchRow
    {
        public string Id { get; set; } = "";
        public string ClientBatchId { get; set; } = "";
        public long CreatedAt { get; set; }
    }

    private sealed class FileRow
    {
        public string Id { get; set; } = "";
        public string? BatchId { get; set; }
        public string Name { get; set; } = "";
        public string Sha256 { get; set; } = "";
        public string State { get; set; } = "";
        public string? ErrorCode { get; set; }
        public long Tables { get; set; }
        public long CellsNeedingReview { get; set; }

        public FileStatus ToStatus() => new(Id, BatchId, Name, Sha256, State, ErrorCode, (int)Tables, (int)CellsNeedingReview);
    }

    private sealed class ClaimRow
    {
        public string Sha256 { get; set; } = "";
        public string Name { get; set; } = "";
        public byte[] Bytes { get; set; } = [];
        public long Attempts { get; set; }
    }

    private sealed class ContentRow
    {
        public string Sha256 { get; set; } = "";
        public string State { get; set; } = "";
        public string? ClaimedBy { get; set; }
        public long? LeaseUntil { get; set; }
        public long Recoveries { get; set; }
        public string? ResultJson { get; set; }
    }

    private sealed class ReviewRow
    {
        public long TableId { get; set; }
        public string Sha256 { get; set; } = "";
        public string Source { get; set; } = "";
        public long TableIndex { get; set; }
        public string Layout { get; set; } = "";
        public long CellsNeedingReview { get; set; }
        public string? ReviewLeaseBy { get; set; }
        public long? ReviewLeaseUntil { get; set; }

        public ReviewTable ToTable() => new(TableId, Sha256, Source, (int)TableIndex, Layout, (int)CellsNeedingReview,
            ReviewLeaseBy, ReviewLeaseUntil is { } until ? FromMillis(until) : null);
    }

    private sealed class StateRow
    {
        public long TableId { get; set; }
        public string Sha256 { get; set; } = "";
        public long TableIndex { get; set; }
        public string? ReviewLeaseBy { get; set; }
        public long? ReviewLeaseUntil { get; set; }
        public long ReviewVersion { get; set; }
        public string ContentName { get; set; } = "";
        public string? ResultJson { get; set; }
        public string? Source { get; set; }
        public string? BatchId { get; set; }

        public ReviewedTable? ToReviewed()
        {
            if (ResultJson is null) return null;
            var document = Core.Results.ResultJson.Deserialize(ResultJson);
            if (TableIndex >= document.Tables.Count) return null;
            return new ReviewedTable(TableId, Sha256, Source ?? ContentName, ContentName, (int)TableIndex, document.Tables[(int)TableIndex],
                ReviewLeaseBy, ReviewLeaseUntil is { } until ? FromMillis(until) : null, ReviewVersion, BatchId);
        }
    }

    private sealed class LeaseRow
    {
        public long Id { get; set; }
        public long ReviewLeaseUntil { get; set; }
    }

    private sealed class AuditRow
    {
        public string Kind { get; set; } = "";
        public string Subject { get; set; } = "";
        public string Reviewer { get; set; } = "";
        public long DecidedAt { get; set; }
        public string? OldValue { get; set; }
        public string? NewValue { get; set; }
        public string? OldStatus { get; set; }
        public string? NewStatus { get; set; }
    }
}
