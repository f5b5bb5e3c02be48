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

    protected override object? CellValue(decimal? value) => value;

    public void Dispose() => _dataSource.Dispose();
}
