using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Live;

/// <summary>
/// In-process fan-out of committed database changes to the circuits of this node that show the workspace. Every node
/// runs its own <see cref="DatabaseChangeListener"/>, so a change made on node A reaches the boards open on node B.
/// Handlers run on the listener's thread and must not block: live components hop onto their own dispatcher.
/// </summary>
public sealed class ChangeFeed(ILogger<ChangeFeed> logger)
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();

    /// <summary>Calls <paramref name="onChange"/> for every change in <paramref name="workspaceId"/> (and for resyncs) until disposed.</summary>
    public IDisposable Subscribe(Guid workspaceId, Func<DatabaseChange, Task> onChange)
    {
        var subscription = new Subscription(this, workspaceId, onChange);
        _subscriptions[subscription.Id] = subscription;
        return subscription;
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> for every change in every workspace until disposed: for node-wide background
    /// work (lead score recompute) that enters each change's workspace itself.
    /// </summary>
    public IDisposable SubscribeAll(Func<DatabaseChange, Task> onChange)
    {
        var subscription = new Subscription(this, null, onChange);
        _subscriptions[subscription.Id] = subscription;
        return subscription;
    }

    public int SubscriberCount => _subscriptions.Count;

    public void Publish(DatabaseChange change)
    {
        foreach (var s in _subscriptions.Values)
        {
            if (!change.IsResync && s.WorkspaceId is not null && s.WorkspaceId != change.WorkspaceId) continue;
            _ = Deliver(s, change);
        }
    }

    private async Task Deliver(Subscription s, DatabaseChange change)
    {
        try
        {
            await s.OnChange(change);
        }
#pragma warning disable CA1031 // one subscriber's failure must not stop delivery to the others
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "A live subscriber failed to handle a {RecordType} change", change.RecordType);
        }
    }

    private sealed class Subscription(ChangeFeed feed, Guid? workspaceId, Func<DatabaseChange, Task> onChange) : IDisposable
    {
        public Guid Id { get; } = Guid.NewGuid();
        /// <summary>Null: every workspace.</summary>
        public Guid? WorkspaceId => workspaceId;
        public Func<DatabaseChange, Task> OnChange => onChange;
        public void Dispose() => feed._subscriptions.TryRemove(Id, out _);
    }
}
