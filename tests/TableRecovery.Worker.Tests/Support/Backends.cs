using Npgsql;
using TableRecovery.Worker.Storage;

namespace TableRecovery.Worker.Tests.Support;

/// <summary>
/// The PostgreSQL tests' server: the connection string that scripts/postgres-test-server.sh exports.
/// Without it they fail with a message that says how to start one; they never skip.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "TABLERECOVERY_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static string Require() => ConnectionString ?? throw new InvalidOperationException(
        $"{Variable} is not set: start a server with `eval \"$(scripts/postgres-test-server.sh start)\"` before the tests.");

    /// <summary>A fresh database on the test server, so test classes never see each other's rows.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = Require();
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }
}

/// <summary>Builds a store of either back end on a fresh database or file.</summary>
public static class Stores
{
    public static async Task<SqlRecoveryStore> SqliteAsync(string folder, TimeProvider time)
    {
        var store = new SqliteRecoveryStore($"Data Source={Path.Combine(folder, "store.db")}", time);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    public static async Task<SqlRecoveryStore> PostgresAsync(TimeProvider time)
    {
        var store = new PostgresRecoveryStore(await PostgresServer.CreateDatabaseAsync(), time);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }
}

/// <summary>A temp folder removed after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tablerecovery-test-").FullName;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
