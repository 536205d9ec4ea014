using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// What a bulk action did: how many records it changed, and which of the ids asked for are not records of this
/// workspace (deleted meanwhile, or another workspace's), so the page can say so.
/// </summary>
public sealed record CrmBulkResult(int Changed, IReadOnlyList<Guid> NotFound);

/// <summary>
/// A delete waiting out its undo window. Nothing is deleted until the window passes or <see cref="CommitNowAsync"/>
/// is called (a page calls it when it is left); <see cref="Undo"/> before then cancels it and nothing is lost.
/// Disposing commits, so a delete the person did not undo is never dropped.
/// </summary>
public sealed class PendingDelete : IAsyncDisposable
{
    private const int Waiting = 0, Undone = 1, Committing = 2;

    private readonly Func<CancellationToken, Task<Result<CrmBulkResult>>> commit;
    private readonly CancellationTokenSource window = new();
    private readonly TaskCompletionSource<Result<CrmBulkResult>?> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int state = Waiting;

    internal PendingDelete(CrmRecordType type, IReadOnlyList<Guid> ids, TimeSpan undoWindow, TimeProvider clock, Func<CancellationToken, Task<Result<CrmBulkResult>>> commit)
    {
        RecordType = type;
        Ids = ids;
        this.commit = commit;
        _ = WaitThenCommitAsync(undoWindow, clock);
    }

    public CrmRecordType RecordType { get; }
    public IReadOnlyList<Guid> Ids { get; }
    public bool IsUndone => Volatile.Read(ref state) == Undone;
    public bool IsCommitting => Volatile.Read(ref state) == Committing;

    /// <summary>The delete's result once committed, or null when it was undone.</summary>
    public Task<Result<CrmBulkResult>?> Completion => done.Task;

    /// <summary>Cancels the delete if it has not started; false when it is already being committed.</summary>
    public bool Undo()
    {
        if (Interlocked.CompareExchange(ref state, Undone, Waiting) != Waiting) return false;
        window.Cancel();
        done.TrySetResult(null);
        return true;
    }

    /// <summary>Deletes now instead of at the end of the window (no-op once undone); answers the delete's result.</summary>
    public Task<Result<CrmBulkResult>?> CommitNowAsync()
    {
        if (Interlocked.CompareExchange(ref state, Committing, Waiting) == Waiting)
        {
            window.Cancel();
            _ = RunCommitAsync();
        }
        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await CommitNowAsync();
        window.Dispose();
    }

    private async Task WaitThenCommitAsync(TimeSpan undoWindow, TimeProvider clock)
    {
        try
        {
            await Task.Delay(undoWindow, clock, window.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (Interlocked.CompareExchange(ref state, Committing, Waiting) == Waiting) await RunCommitAsync();
    }

    private async Task RunCommitAsync()
    {
        try
        {
            done.TrySetResult(await commit(CancellationToken.None));
        }
#pragma warning disable CA1031 // The outcome goes to whoever awaits Completion; a background task must not throw unobserved.
        catch (Exception e)
#pragma warning restore CA1031
        {
            done.TrySetException(e);
        }
    }
}
