using System.Data.Common;
using Dapper;
using Npgsql;

namespace TableRecovery.Worker.Storage;

/// <summary>PostgreSQL for several machines: contents are claimed with FOR UPDATE SKIP LOCKED.</summary>
public sealed class PostgresRecoveryStore : SqlRecoveryStore, IDisposable
{
    private const long MigrationLockKey = 0x5461_626C_6552_6563; // "TableRec"
    private readonly NpgsqlDataSource _dataSource;

    public PostgresRecoveryStore(string connectionString, TimeProvider time) : base(time) =>
        _dataSource = NpgsqlDataSource.Create(connectionString);

    protected override string Dialect => "Postgres";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@MigrationLockKey)", new { MigrationLockKey }, transaction);

    protected override string ClaimNextSql =>
        """
        UPDATE contents SET state = 'processing', claimed_by = @WorkerId, lease_until = @until, attempts = attempts + 1
        WHERE sha256 = (
            SELECT sha256 FROM contents
            WHERE state = 'queued' OR (state = 'processing' AND lease_until < @now)
            ORDER BY queued_at, sha256 LIMIT 1
            FOR UPDATE SKIP LOCKED)
        RETURNING sha256, name, bytes, attempts
        """;

    // SKIP LOCKED: a reviewer never waits for, nor takes, the table another reviewer is being given right now; the
    // outer condition is evaluated again on the locked row.
    protected override string AcquireNextReviewSql =>
        """
        UPDATE result_tables SET review_lease_by = @reviewer, review_lease_until = @until
        WHERE id = (
            SELECT t.id FROM result_tables t JOIN contents c ON c.sha256 = t.sha256
            WHERE t.cells_needing_review > 0
              AND (t.review_lease_by IS NULL OR t.review_lease_by = @reviewer OR t.review_lease_until < @now)
            ORDER BY CASE WHEN t.review_lease_by = @reviewer AND t.review_lease_until >= @now THEN 0 ELSE 1 END, c.completed_at, t.id
            LIMIT 1
            FOR UPDATE OF t SKIP LOCKED)
          AND (review_lease_by IS NULL OR review_lease_by = @reviewer OR review_lease_until < @now)
        RETURNING id, review_lease_until
        """;

    protected override string ForUpdate => " FOR UPDATE OF t, c";

    protected override object? CellValue(decimal? value) => value;

    public void Dispose() => _dataSource.Dispose();
}
