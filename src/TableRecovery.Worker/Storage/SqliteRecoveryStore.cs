using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace TableRecovery.Worker.Storage;

/// <summary>One SQLite file in WAL mode: the embedded default for one machine (several processes may share it).</summary>
public sealed class SqliteRecoveryStore : SqlRecoveryStore
{
    private readonly string _connectionString;

    public SqliteRecoveryStore(string connectionString, TimeProvider time) : base(time)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder) Directory.CreateDirectory(folder);
        _connectionString = builder.ToString();
    }

    protected override string Dialect => "Sqlite";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // WAL survives in the file; synchronous=FULL makes every commit durable before it returns.
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;");
        return connection;
    }

    // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) already takes the one write lock.
    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction) => Task.CompletedTask;

    // SQLite has one writer at a time, so a single UPDATE … RETURNING is an atomic claim.
    protected override string ClaimNextSql =>
        """
        UPDATE contents SET state = 'processing', claimed_by = @WorkerId, lease_until = @until, attempts = attempts + 1
        WHERE sha256 = (
            SELECT sha256 FROM contents
            WHERE state = 'queued' OR (state = 'processing' AND lease_until < @now)
            ORDER BY queued_at, sha256 LIMIT 1)
        RETURNING sha256, name, bytes, attempts
        """;

    protected override string AcquireNextReviewSql =>
        """
        UPDATE result_tables SET review_lease_by = @reviewer, review_lease_until = @until
        WHERE id = (
            SELECT t.id FROM result_tables t JOIN contents c ON c.sha256 = t.sha256
            WHERE t.cells_needing_review > 0
              AND (t.review_lease_by IS NULL OR t.review_lease_by = @reviewer OR t.review_lease_until < @now)
            ORDER BY CASE WHEN t.review_lease_by = @reviewer AND t.review_lease_until >= @now THEN 0 ELSE 1 END, c.completed_at, t.id
            LIMIT 1)
        RETURNING id, review_lease_until
        """;

    // The write transaction (BEGIN IMMEDIATE) already excludes every other writer.
    protected override string ForUpdate => "";

    protected override object? CellValue(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
