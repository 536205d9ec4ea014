using System.Collections.Concurrent;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Crm.Import;

/// <summary>What the runner needs to write an import on its own, after the request or circuit that started it has moved on.</summary>
internal sealed record CrmImportJob(Guid ImportId, Guid WorkspaceId, Guid? UserId, AuditActor Actor, CrmImportPlan Plan, CrmImportMatchRule Rule);

/// <summary>
/// Runs imports in the background of this app node, two at a time. The validated rows live in memory (the file is
/// never stored), so the work stays on the node that read the file rather than going through the shared Hangfire
/// queue; progress is written to the crm_imports row, which any node can read. A job enters its workspace explicitly
/// (RLS needs the tenant), like every background job. On shutdown running imports are stopped and marked failed;
/// the batches already committed stay revertable.
/// </summary>
public sealed class CrmImportRunner(IServiceScopeFactory scopes, ILogger<CrmImportRunner> logger) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<Guid, Task> running = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim slots = new(2);

    internal void Start(CrmImportJob job)
    {
        var task = Task.Run(() => RunAsync(job));
        running[job.ImportId] = task;
    }

    /// <summary>Completes when the import has finished on this node (at once when it is not running here).</summary>
    public Task WhenFinishedAsync(Guid importId) => running.TryGetValue(importId, out var task) ? task : Task.CompletedTask;

    private async Task RunAsync(CrmImportJob job)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
            tenant.Actor = job.Actor;
            using var entered = tenant.Enter(job.WorkspaceId, job.UserId);
            var writer = ActivatorUtilities.CreateInstance<CrmImportWriter>(scope.ServiceProvider);
            try
            {
                await slots.WaitAsync(stopping.Token);
                try
                {
                    await writer.RunAsync(job.ImportId, job.Plan, job.Rule, stopping.Token);
                }
                finally
                {
                    slots.Release();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                await writer.FailAsync(job.ImportId, job.Plan, "The app stopped during the import. The rows imported so far can be reverted; then import the file again.");
            }
            catch (Exception e)
            {
                logger.LogError(e, "CRM import {ImportId} failed", job.ImportId);
                await writer.FailAsync(job.ImportId, job.Plan, $"The import stopped with an error: {e.Message} The rows imported so far can be reverted.");
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "CRM import {ImportId} could not record its failure", job.ImportId);
        }
        finally
        {
            running.TryRemove(job.ImportId, out _);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await Task.WhenAll(running.Values).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        stopping.Dispose();
        slots.Dispose();
    }
}
