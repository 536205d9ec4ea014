using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Search;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Work.Projects;

/// <summary>
/// Projects of the current workspace: list, read with figures, create, edit, delete. Every write is audited by the
/// context (before/after diff). A project's task counts and progress are the database's (triggers on tasks); this
/// service never writes them.
/// </summary>
public sealed class ProjectService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;

    /// <summary>Most tasks the detail page lists per group (open, done).</summary>
    public const int MaxTasks = 200;

    /// <summary>
    /// How often an edit is retried when the row changed only in what the task triggers own: each task change
    /// rewrites the project row (new xmin), which must not look like someone else's edit.
    /// </summary>
    private const int SaveAttempts = 5;

    public async Task<Result<ProjectPage>> ListAsync(ProjectQuery query, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<ProjectPage>.From(CantSee());
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Projects.AsNoTracking();
        foreach (var word in (query.Search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8))
        {
            var pattern = LikePattern.Contains(word, 100)!;
            q = q.Where(p => EF.Functions.ILike(p.Name, pattern, LikePattern.Escape));
        }
        if (query.Status is { } status) q = q.Where(p => p.Status == status);
        if (query.CustomerId is { } customer) q = q.Where(p => p.CustomerId == customer);
        if (query.ManagerId is { } manager) q = q.Where(p => p.ManagerId == manager);

        var total = await q.CountAsync(ct);
        var descending = query.Direction == SortDirection.Descending;
        IOrderedQueryable<Project> sorted = query.Sort switch
        {
            ProjectSort.Status => descending ? q.OrderByDescending(p => p.Status) : q.OrderBy(p => p.Status),
            ProjectSort.StartDate => descending ? q.OrderByDescending(p => p.StartDate) : q.OrderBy(p => p.StartDate),
            ProjectSort.EndDate => descending ? q.OrderByDescending(p => p.EndDate) : q.OrderBy(p => p.EndDate),
            ProjectSort.Budget => descending ? q.OrderByDescending(p => p.Budget) : q.OrderBy(p => p.Budget),
            ProjectSort.Progress => descending ? q.OrderByDescending(p => p.Progress) : q.OrderBy(p => p.Progress),
            ProjectSort.CreatedAt => descending ? q.OrderByDescending(p => p.CreatedAt) : q.OrderBy(p => p.CreatedAt),
            _ => descending ? q.OrderByDescending(p => p.Name) : q.OrderBy(p => p.Name),
        };
        var size = query.EffectivePageSize;
        var rows = await sorted.ThenBy(p => p.Id).Skip((query.EffectivePage - 1) * size).Take(size)
            .Select(p => new { Project = p, CustomerName = p.Customer != null ? p.Customer.Name : null })
            .ToListAsync(ct);
        return new ProjectPage(rows.Select(r => ProjectView.From(r.Project, r.CustomerName)).ToList(), total, query.EffectivePage, size);
    }

    public async Task<Result<ProjectView>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<ProjectView>.From(CantSee());
        await using var db = await factory.CreateDbContextAsync(ct);
        var view = await ReadAsync(db, id, ct);
        return view is null ? Result<ProjectView>.From(Result.NotFound("Project")) : view;
    }

    /// <summary>The project with what its detail page shows around it: open and overdue task counts, upcoming meetings.</summary>
    public async Task<Result<ProjectDetails>> GetDetailsAsync(Guid id, int events = 5, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<ProjectDetails>.From(CantSee());
        await using var db = await factory.CreateDbContextAsync(ct);
        var view = await ReadAsync(db, id, ct);
        if (view is null) return Result<ProjectDetails>.From(Result.NotFound("Project"));
        var now = clock.GetUtcNow().UtcDateTime;
        var open = db.Tasks.Where(t => t.ProjectId == id && t.IsOpen);
        var openCount = await open.CountAsync(ct);
        var overdue = await open.CountAsync(t => t.DueDate < now, ct);
        // Recurring series are listed as such: their next occurrence is the calendar's to expand.
        var upcoming = await db.CalendarEvents.AsNoTracking()
            .Where(e => e.ProjectId == id && (e.StartTime >= now || (e.IsRecurring && (e.OccursUntil == null || e.OccursUntil >= now))))
            .OrderBy(e => e.IsRecurring).ThenBy(e => e.StartTime).ThenBy(e => e.Id).Take(Math.Clamp(events, 0, 50))
            .Select(e => new ProjectEvent(e.Id, e.Title, e.StartTime, e.EndTime, e.IsAllDay, e.IsRecurring, e.Timezone))
            .ToListAsync(ct);
        return new ProjectDetails(view, openCount, overdue, upcoming);
    }

    /// <summary>The project's open (todo, in progress) or finished (done, cancelled) tasks: open by due date, finished newest first.</summary>
    public async Task<Result<IReadOnlyList<ProjectTask>>> ListTasksAsync(Guid projectId, bool open, int take = 50, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<ProjectTask>>.From(CantSee());
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, ct)) return Result<IReadOnlyList<ProjectTask>>.From(Result.NotFound("Project"));
        var tasks = db.Tasks.AsNoTracking().Where(t => t.ProjectId == projectId && t.IsOpen == open);
        var ordered = open
            ? tasks.OrderBy(t => t.DueDate == null).ThenBy(t => t.DueDate).ThenBy(t => t.Id)
            : tasks.OrderByDescending(t => t.CompletedAt ?? t.UpdatedAt).ThenBy(t => t.Id);
        var rows = await ordered.Take(Math.Clamp(take, 1, MaxTasks))
            .Select(t => new ProjectTask(t.Id, t.Title, t.Status, t.Priority, t.AssignedTo, t.DueDate, t.CompletedAt))
            .ToListAsync(ct);
        return rows;
    }

    public async Task<Result<ProjectView>> CreateAsync(ProjectInput input, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<ProjectView>.From(Result.Forbidden("You can't add projects in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var project = new Project();
        if (await ApplyAsync(db, project, input, ct) is { } invalid) return Result<ProjectView>.From(invalid);
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        return (await ReadAsync(db, project.Id, ct))!;
    }

    /// <summary>
    /// Saves an edit made on <paramref name="loaded"/> (the view the editor started from). Someone else's edit since
    /// then answers Conflict; a change only to the task counts and progress (a task of the project changed) does not.
    /// </summary>
    public async Task<Result<ProjectView>> UpdateAsync(Guid id, ProjectInput input, ProjectView loaded, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        if (!member.Can(Permissions.RecordsWrite)) return Result<ProjectView>.From(Result.Forbidden("You can't edit projects in this workspace."));
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == id, ct);
            if (project is null) return Result<ProjectView>.From(Result.NotFound("Project"));
            if (project.Version != loaded.Version && !SameEditableFields(project, loaded)) return Result<ProjectView>.From(Edited());
            // The version just read: a save that still fails was raced by a newer change, looked at on the next round.
            db.Entry(project).Property(p => p.Version).OriginalValue = project.Version;
            if (await ApplyAsync(db, project, input, ct) is { } invalid) return Result<ProjectView>.From(invalid);
            try
            {
                await db.SaveChangesAsync(ct);
                return (await ReadAsync(db, id, ct))!;
            }
            catch (DbUpdateConcurrencyException) when (attempt < SaveAttempts)
            {
                // Re-read and compare again.
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result<ProjectView>.From(Result.Conflict("This project keeps changing while you save. Reload it and try again."));
            }
        }
    }

    /// <summary>Deletes a project. Its tasks, meetings and invoices stay, unlinked (their foreign keys set null).</summary>
    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsDelete)) return Result.Forbidden("You can't delete projects in this workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null) return Result.NotFound("Project");
        db.Projects.Remove(project);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private static async Task<ProjectView?> ReadAsync(GalaxyDbContext db, Guid id, CancellationToken ct)
    {
        var row = await db.Projects.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { Project = p, CustomerName = p.Customer != null ? p.Customer.Name : null })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : ProjectView.From(row.Project, row.CustomerName);
    }

    /// <summary>Whether everything a person edits is as the editor loaded it (the trigger-owned counts may differ).</summary>
    private static bool SameEditableFields(Project p, ProjectView v) =>
        p.Name == v.Name && p.Description == v.Description && p.Status == v.Status && p.CustomerId == v.CustomerId
        && p.ManagerId == v.ManagerId && p.StartDate == v.StartDate && p.EndDate == v.EndDate && p.Budget == v.Budget
        && p.ActualCost == v.ActualCost && p.Tags.SequenceEqual(v.Tags, StringComparer.Ordinal);

    private static async Task<Result?> ApplyAsync(GalaxyDbContext db, Project project, ProjectInput input, CancellationToken ct)
    {
        var check = new CrmInputCheck();
        var name = check.Required("name", input.Name, NameMaxLength, "Give the project a name.");
        var description = check.Optional("description", input.Description, DescriptionMaxLength);
        if (!Enum.IsDefined(input.Status)) check.Add("status", "Pick a status.");
        var start = Utc(input.StartDate);
        var end = Utc(input.EndDate);
        if (start is { } s && end is { } e && e < s) check.Add("endDate", "The end date can't be before the start date.");
        var budget = check.NonNegativeCents("budget", input.Budget);
        var actual = check.NonNegativeCents("actualCost", input.ActualCost);
        var tags = check.Tags("tags", input.Tags);
        if (input.CustomerId is { } customerId && !await db.Customers.AnyAsync(c => c.Id == customerId, ct))
            check.Add("customerId", "Pick a customer from this workspace; that one does not exist here.");
        if (input.ManagerId is { } managerId && !await db.WorkspaceMembers.AnyAsync(m => m.UserId == managerId && m.IsActive, ct))
            check.Add("managerId", "Pick someone who is a member of this workspace.");
        if (check.Failed) return check.Invalid();

        project.Name = name;
        project.Description = description;
        project.Status = input.Status;
        project.CustomerId = input.CustomerId;
        project.ManagerId = input.ManagerId;
        project.StartDate = start;
        project.EndDate = end;
        project.Budget = budget;
        project.ActualCost = actual;
        project.Tags = tags;
        return null;
    }

    /// <summary>A date from a picker (unspecified kind) is taken as UTC; timestamptz accepts only UTC instants.</summary>
    private static DateTime? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Utc } v => v,
        { Kind: DateTimeKind.Local } v => v.ToUniversalTime(),
        { } v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
    };

    private static Result CantSee() => Result.Forbidden("You can't see projects in this workspace.");

    private static Result Edited() =>
        Result.Conflict("Someone else changed this project in the meantime. Reload to see their change, then try again.");
}
