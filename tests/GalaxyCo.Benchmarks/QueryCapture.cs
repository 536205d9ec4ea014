using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace GalaxyCo.Benchmarks;

/// <summary>
/// Records the SQL and parameters of every command EF sends while it is open, through EF's DiagnosticListener, so
/// the plans we EXPLAIN are exactly the statements the service runs (nothing hand-copied that could drift).
/// </summary>
public sealed class QueryCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];
    private readonly Lock _gate = new();

    public QueryCapture() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public List<CapturedCommand> Commands { get; } = [];

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
            lock (_gate) _listeners.Add(value.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != RelationalEventId.CommandExecuting.Name || value.Value is not CommandEventData { Command: NpgsqlCommand command }) return;
        var parameters = command.Parameters.Select(p => p.Clone()).ToList();
        lock (_gate) Commands.Add(new CapturedCommand(command.CommandText, parameters));
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_gate) foreach (var listener in _listeners) listener.Dispose();
    }
}

public sealed record CapturedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    public DbCommand ToExplain(DbConnection connection)
    {
        var command = (NpgsqlCommand)connection.CreateCommand();
        command.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + Sql;
        foreach (var p in Parameters) command.Parameters.Add(p.Clone());
        return command;
    }
}
