using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GalaxyCo.Domain.Tests.Work.Projects;

/// <summary>
/// projects.total_tasks / completed_tasks / progress move in the transaction that changes a task (database triggers):
/// cancelled tasks don't count, done ones complete, progress is 100·done/total rounded half away from zero.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ProjectProgressTests(PostgresDatabase db) : IDisposable
{
    private readonly ProjectsHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Insert_DoneTask_CountsItAsCompleted()
    {
        var w = await db.CreateWorkspaceAsync("Progress Insert");
        var project = await host.AddProjectAsync(w);

        await host.AddTasksAsync(w, project.Id, WorkTaskStatus.Done);

        var c = await host.CountsAsync(w, project.Id);
        Assert.Equal((1, 1, 100), (c.Total, c.Done, c.Progress));
    }

    [Fact]
    public async Task Insert_OneDoneOfEight_RoundsHalfAwayFromZero()
    {
        var w = await db.CreateWorkspaceAsync("Progress Rounding");
        var project = await host.AddProjectAsync(w);

        // 100 * 1 / 8 = 12.5: half away from zero is 13 (banker's rounding would say 12); cancelled tasks don't count.
        await host.AddTasksAsync(w, project.Id, [WorkTaskStatus.Done, .. Enumerable.Repeat(WorkTaskStatus.Todo, 7), WorkTaskStatus.Cancelled]);

        var c = await host.CountsAsync(w, project.Id);
        Assert.Equal((8, 1, 13), (c.Total, c.Done, c.Progress));
    }

    [Fact]
    public async Task Update_Cancel_TakesTheTaskOutOfTheTotal()
    {
        var w = await db.CreateWorkspaceAsync("Progress Cancel");
        var project = await host.AddProjectAsync(w);
        var tasks = await host.AddTasksAsync(w, project.Id, WorkTaskStatus.Done, WorkTaskStatus.Todo);
        Assert.Equal(50, (await host.CountsAsync(w, project.Id)).Progress);

        await using (var ctx = host.Context(w))
        {
            var todo = await ctx.Tasks.SingleAsync(t => t.Id == tasks[1].Id);
            todo.Status = WorkTaskStatus.Cancelled;
            await ctx.SaveChangesAsync();
        }

        var c = await host.CountsAsync(w, project.Id);
        Assert.Equal((1, 1, 100), (c.Total, c.Done, c.Progress));
    }

    [Fact]
    public async Task Update_MoveToAnotherProject_MovesItsCounts()
    {
        var w = await db.CreateWorkspaceAsync("Progress Move");
        var from = await host.AddProjectAsync(w, "From");
        var to = await host.AddProjectAsync(w, "To");
        var tasks = await host.AddTasksAsync(w, from.Id, WorkTaskStatus.Done, WorkTaskStatus.Todo, WorkTaskStatus.Todo);
        await host.AddTasksAsync(w, to.Id, WorkTaskStatus.Todo);

        await using (var ctx = host.Context(w))
        {
            var done = await ctx.Tasks.SingleAsync(t => t.Id == tasks[0].Id);
            done.ProjectId = to.Id;
            await ctx.SaveChangesAsync();
        }

        var a = await host.CountsAsync(w, from.Id);
        var b = await host.CountsAsync(w, to.Id);
        Assert.Equal((2, 0, 0), (a.Total, a.Done, a.Progress));
        Assert.Equal((2, 1, 50), (b.Total, b.Done, b.Progress));
    }

    [Fact]
    public async Task Delete_Task_LowersTheCounts_AndEmptyProjectReadsZero()
    {
        var w = await db.CreateWorkspaceAsync("Progress Delete");
        var project = await host.AddProjectAsync(w);
        var tasks = await host.AddTasksAsync(w, project.Id, WorkTaskStatus.Done, WorkTaskStatus.Todo);

        await using (var ctx = host.Context(w))
        {
            await ctx.Tasks.Where(t => t.Id == tasks[1].Id).ExecuteDeleteAsync();
            Assert.Equal(100, (await host.CountsAsync(w, project.Id)).Progress);
            await ctx.Tasks.Where(t => t.Id == tasks[0].Id).ExecuteDeleteAsync();
        }

        var c = await host.CountsAsync(w, project.Id);
        Assert.Equal((0, 0, 0), (c.Total, c.Done, c.Progress));
    }

    [Fact]
    public async Task BulkUpdate_OneStatementOverManyTasks_CountsEveryRow()
    {
        var w = await db.CreateWorkspaceAsync("Progress Bulk");
        var a = await host.AddProjectAsync(w, "A");
        var b = await host.AddProjectAsync(w, "B");
        await host.AddTasksAsync(w, a.Id, [.. Enumerable.Repeat(WorkTaskStatus.Todo, 6), WorkTaskStatus.InProgress]);
        await host.AddTasksAsync(w, b.Id, WorkTaskStatus.Todo, WorkTaskStatus.Done, WorkTaskStatus.Cancelled);

        await using (var ctx = host.Context(w))
        {
            // One statement: every open task done, then every task of A into B.
            await ctx.Tasks.Where(t => t.IsOpen).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, WorkTaskStatus.Done).SetProperty(t => t.CompletedAt, DateTime.UtcNow));
            await ctx.Tasks.Where(t => t.ProjectId == a.Id).Take(3).ExecuteUpdateAsync(s => s.SetProperty(t => t.ProjectId, b.Id));
        }

        var ca = await host.CountsAsync(w, a.Id);
        var cb = await host.CountsAsync(w, b.Id);
        WorkAssert.CountsAgree(ca);
        WorkAssert.CountsAgree(cb);
        Assert.Equal((4, 4, 100), (ca.Total, ca.Done, ca.Progress));
        Assert.Equal((5, 5, 100), (cb.Total, cb.Done, cb.Progress));
    }

    [Fact]
    public async Task ConcurrentTaskChanges_ManyConnections_CountsNeverDrift()
    {
        var w = await db.CreateWorkspaceAsync("Progress Concurrency");
        var a = await host.AddProjectAsync(w, "A");
        var b = await host.AddProjectAsync(w, "B");
        var seeded = await host.AddTasksAsync(w, a.Id, [.. Enumerable.Repeat(WorkTaskStatus.Todo, 20)]);
        seeded.AddRange(await host.AddTasksAsync(w, b.Id, [.. Enumerable.Repeat(WorkTaskStatus.InProgress, 20)]));
        var ids = seeded.Select(t => t.Id).ToArray();
        string[] statuses = ["todo", "in_progress", "done", "cancelled"];
        var projects = new[] { a.Id, b.Id };

        // 8 connections x 50 transactions: status flips, moves between the projects, multi-row updates, inserts and deletes.
        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var random = new Random(1000 + worker);
            await using var connection = await db.OpenAppConnectionAsync(w.Id, w.OwnerUserId);
            for (var i = 0; i < 50; i++)
            {
                var kind = random.Next(6);
                var id = ids[random.Next(ids.Length)];
                var other = ids[random.Next(ids.Length)];
                var project = projects[random.Next(2)];
                var status = statuses[random.Next(statuses.Length)];
                await RetryOnDeadlockAsync(async () =>
                {
                    await using var tx = await connection.BeginTransactionAsync();
                    var sql = kind switch
                    {
                        0 => "update tasks set status = @s::task_status where id = @id",
                        1 => "update tasks set project_id = @p where id = @id",
                        2 => "update tasks set status = @s::task_status, project_id = @p where id in (@id, @other)",
                        3 => "insert into tasks (id, workspace_id, title, status, priority, project_id, attachments, tags, board_position, created_at, updated_at) "
                           + "values (gen_random_uuid(), @w, 'racer', @s::task_status, 'medium', @p, '[]', '{}', 0, now(), now())",
                        4 => "delete from tasks where id = (select id from tasks where title = 'racer' and project_id = @p limit 1)",
                        _ => "update tasks set status = case when status = 'done' then 'todo'::task_status else 'done'::task_status end where id = @id",
                    };
                    await using var command = new NpgsqlCommand(sql, connection, tx);
                    command.Parameters.AddWithValue("s", status);
                    command.Parameters.AddWithValue("id", id);
                    command.Parameters.AddWithValue("other", other);
                    command.Parameters.AddWithValue("p", project);
                    command.Parameters.AddWithValue("w", w.Id);
                    await command.ExecuteNonQueryAsync();
                    await tx.CommitAsync();
                });
            }
        })).ToList();
        await Task.WhenAll(workers);

        var ca = await host.CountsAsync(w, a.Id);
        var cb = await host.CountsAsync(w, b.Id);
        WorkAssert.CountsAgree(ca);
        WorkAssert.CountsAgree(cb);
        Assert.True(ca.FreshTotal + cb.FreshTotal > 0);
    }

    /// <summary>Two transactions moving tasks both ways lock the two project rows in opposite orders: PostgreSQL
    /// aborts one, which then retries, as an app would. A lost count would survive the retry; the assertion catches it.</summary>
    private static async Task RetryOnDeadlockAsync(Func<Task> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await work();
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < 20)
            {
                await Task.Delay(Random.Shared.Next(1, 20));
            }
        }
    }
}
