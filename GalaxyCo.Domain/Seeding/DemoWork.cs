using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Work;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// 12 projects (8 for customers, 4 internal) and 150 tasks. Task states follow their project's (a completed project's
/// tasks are all done). The projects' task counts and progress are left to the database triggers, so the numbers agree.
/// </summary>
internal static class DemoWork
{
    public const int TaskCount = 150;
    private const int StandaloneTasks = 30;
    private const double BoardStep = 1024;

    private static readonly string[] CustomerProjects =
        ["Website Redesign", "CRM Migration", "Customer Portal", "Data Warehouse Rollout", "Onboarding Automation", "ERP Integration", "Security Audit", "Mobile App MVP"];

    private static readonly string[] InternalProjects = ["Sales Playbook Refresh", "Brand Refresh", "SOC 2 Readiness", "Q-Planning & Board Pack"];

    private static readonly ProjectStatus[] Statuses =
    [
        ProjectStatus.InProgress, ProjectStatus.InProgress, ProjectStatus.InProgress, ProjectStatus.InProgress, ProjectStatus.InProgress,
        ProjectStatus.Planning, ProjectStatus.Planning, ProjectStatus.Completed, ProjectStatus.Completed, ProjectStatus.Completed,
        ProjectStatus.OnHold, ProjectStatus.Cancelled,
    ];

    private static readonly string[] TaskTitles =
    [
        "Draft statement of work", "Run kickoff meeting", "Collect stakeholder requirements", "Set up staging environment", "Review wireframes with client",
        "Write data migration scripts", "Configure single sign-on", "Import historical records", "QA regression pass", "Load test the API",
        "Prepare training materials", "Train support team", "Write release notes", "Update project timeline", "Send weekly status report",
        "Design email templates", "Audit access permissions", "Finalize budget", "Sign-off with sponsor", "Publish documentation",
        "Fix reported bugs", "Set up monitoring alerts", "Review security questionnaire", "Prepare go-live checklist", "Post-launch retrospective",
    ];

    private static readonly string[] TaskNotes =
    [
        "Checklist in the project folder; ping the client contact before starting.", "Blocked until the client sends credentials.",
        "Reuse last quarter's template.", "Needs a second reviewer before it goes out.", "Timebox to half a day.",
        "Client asked for this in the last status call.", "Link the result in the project notes when done.",
    ];

    private static readonly string[] TaskTags = ["client", "internal", "blocked", "quick-win", "billing", "qa", "design", "docs"];

    public static void Build(DemoData d)
    {
        BuildProjects(d);
        BuildTasks(d);
        PlaceOnBoard(d);
        Summarize(d);
    }

    private static void BuildProjects(DemoData d)
    {
        var statuses = d.Random.Shuffle(Statuses).ToArray();
        // Projects go to active customers first (any customer if there were ever too few).
        var clients = d.Random.Shuffle(d.Customers.Where(c => c.Status == CustomerStatus.Active))
            .Concat(d.Customers.Where(c => c.Status != CustomerStatus.Active)).Take(CustomerProjects.Length).ToList();
        for (var i = 0; i < statuses.Length; i++)
        {
            var customer = i < CustomerProjects.Length ? clients[i] : null;
            var name = customer is null ? InternalProjects[i - CustomerProjects.Length] : $"{ShortName(customer.Name)} {CustomerProjects[i]}";
            var status = statuses[i];
            var (startDays, endDays) = status switch
            {
                ProjectStatus.Planning => (d.Random.Int(3, 30), 0),
                ProjectStatus.InProgress => (-d.Random.Int(10, 60), 0),
                ProjectStatus.OnHold => (-d.Random.Int(40, 80), 0),
                ProjectStatus.Completed => (-d.Random.Int(90, 200), -d.Random.Int(5, 60)),
                _ => (-d.Random.Int(60, 150), -d.Random.Int(20, 60)),
            };
            if (endDays == 0) endDays = startDays + d.Random.Int(30, 90);
            var start = DemoClock.At(d.Now, startDays, 9);
            var end = DemoClock.At(d.Now, endDays, 17);
            // Budgets from $15k to $250k in whole thousands, in cents.
            var budget = d.Random.Int(15, 250) * 1000L * 100;
            var created = start.AddDays(-d.Random.Int(7, 21));
            if (created > d.Now) created = d.AgoBetween(5, 1);

            d.Projects.Add(new Project
            {
                WorkspaceId = d.WorkspaceId,
                Name = name,
                Description = customer is null
                    ? $"Internal initiative: {InternalProjects[i - CustomerProjects.Length].ToLowerInvariant()}."
                    : $"{CustomerProjects[i]} for {customer.Name}. Goal: {d.Random.ArrayElement(DemoCrm.Goals)}.",
                Status = status,
                CustomerId = customer?.Id,
                ManagerId = d.PickDoer().UserId,
                StartDate = start,
                EndDate = end,
                Budget = budget,
                Tags = customer is null ? ["internal"] : ["client", d.Random.ArrayElement(["fixed-fee", "retainer", "time-and-materials"])],
                CustomFields = customer is null ? [] : new() { ["po_number"] = $"PO-{d.Random.Int(10000, 99999)}" },
                CreatedAt = created,
            });
        }
    }

    private static void BuildTasks(DemoData d)
    {
        // 120 tasks across the projects, 6 to 14 each; the other 30 stand alone (follow-ups, admin).
        var perProject = Enumerable.Repeat(6, d.Projects.Count).ToArray();
        for (var left = TaskCount - StandaloneTasks - perProject.Sum(); left > 0;)
        {
            var i = d.Random.Int(0, perProject.Length - 1);
            if (perProject[i] < 14) { perProject[i]++; left--; }
        }

        for (var p = 0; p < d.Projects.Count; p++)
        {
            var project = d.Projects[p];
            var titles = d.Random.Shuffle(TaskTitles).Take(perProject[p]).ToList();
            foreach (var title in titles)
            {
                var status = project.Status switch
                {
                    ProjectStatus.Completed => WorkTaskStatus.Done,
                    ProjectStatus.Planning => d.Weighted((WorkTaskStatus.Todo, 0.9f), (WorkTaskStatus.InProgress, 0.1f)),
                    ProjectStatus.Cancelled => d.Weighted((WorkTaskStatus.Done, 0.3f), (WorkTaskStatus.Cancelled, 0.7f)),
                    ProjectStatus.OnHold => d.Weighted((WorkTaskStatus.Done, 0.4f), (WorkTaskStatus.InProgress, 0.2f), (WorkTaskStatus.Todo, 0.4f)),
                    _ => d.Weighted((WorkTaskStatus.Done, 0.4f), (WorkTaskStatus.InProgress, 0.25f), (WorkTaskStatus.Todo, 0.3f), (WorkTaskStatus.Cancelled, 0.05f)),
                };
                d.Tasks.Add(NewTask(d, title, status, project, project.CustomerId));
            }
        }

        for (var i = 0; i < StandaloneTasks; i++)
        {
            var contact = d.Random.ListItem(d.Contacts);
            (string Title, Guid? CustomerId) task = d.Random.Int(0, 5) switch
            {
                0 => ($"Call {contact.FirstName} {contact.LastName} about renewal", contact.CustomerId),
                1 => ($"Send proposal to {contact.Company}", contact.CustomerId),
                2 => ($"Follow up with {contact.FirstName} at {contact.Company}", contact.CustomerId),
                3 => ("Reconcile last month's expenses", null),
                4 => ("Prepare board update slides", null),
                _ => ("Review open invoices", null),
            };
            var status = d.Weighted((WorkTaskStatus.Todo, 0.45f), (WorkTaskStatus.InProgress, 0.2f), (WorkTaskStatus.Done, 0.3f), (WorkTaskStatus.Cancelled, 0.05f));
            d.Tasks.Add(NewTask(d, task.Title, status, null, task.CustomerId));
        }
    }

    private static WorkTask NewTask(DemoData d, string title, WorkTaskStatus status, Project? project, Guid? customerId)
    {
        var today = DemoClock.LocalToday(d.Now);
        int dueDays;
        if (project is { Status: ProjectStatus.Completed or ProjectStatus.Cancelled, StartDate: { } s, EndDate: { } e })
            dueDays = d.Random.Int((int)(DemoClock.LocalToday(s) - today).TotalDays, (int)(DemoClock.LocalToday(e) - today).TotalDays);
        else if (project is { Status: ProjectStatus.Planning, StartDate: { } ps })
            dueDays = (int)(DemoClock.LocalToday(ps) - today).TotalDays + d.Random.Int(3, 40);
        else
            dueDays = status switch
            {
                WorkTaskStatus.Done => d.Random.Int(-30, 5),
                WorkTaskStatus.InProgress => d.Random.Int(-3, 14),
                // Some open work is overdue, as in any real team.
                _ => d.Random.Bool(0.15f) ? d.Random.Int(-7, -1) : d.Random.Int(0, 30),
            };
        var due = DemoClock.ToUtc(DemoClock.Weekday(today.AddDays(dueDays)), 17);

        // Written down between the project's start (or a few weeks back) and two days before it was due.
        var earliest = project?.CreatedAt ?? d.DaysAgo(40);
        var latest = due.AddDays(-2) < d.Now ? due.AddDays(-2) : d.DaysAgo(0.5);
        var created = latest > earliest ? d.Between(earliest, latest) : earliest;
        DateTime? started = status is WorkTaskStatus.InProgress or WorkTaskStatus.Done ? d.After(created, due < d.Now ? due : d.Now) : null;
        DateTime? completed = null;
        if (status == WorkTaskStatus.Done)
        {
            // Finished a little before (sometimes after) the due date, never in the future.
            var finished = due.AddMinutes(d.Random.Int(-96 * 60, 30 * 60));
            if (finished < started) finished = started!.Value.AddMinutes(d.Random.Int(30, 480));
            completed = finished < d.Now ? finished : d.After(started!.Value, d.Now);
        }

        var assignee = status == WorkTaskStatus.Todo && d.Random.Bool(0.1f) ? null : d.PickAssignee();
        return new WorkTask
        {
            WorkspaceId = d.WorkspaceId,
            Title = title,
            Description = d.Random.Bool(0.6f) ? d.Random.ArrayElement(TaskNotes) : null,
            Status = status,
            Priority = d.Weighted((TaskPriority.Low, 0.25f), (TaskPriority.Medium, 0.4f), (TaskPriority.High, 0.25f), (TaskPriority.Urgent, 0.1f)),
            AssignedTo = assignee?.UserId,
            CreatedBy = project?.ManagerId ?? d.PickDoer().UserId,
            ProjectId = project?.Id,
            CustomerId = customerId,
            DueDate = due,
            StartDate = started,
            CompletedAt = completed,
            Tags = d.PickTags(TaskTags, 0, 2),
            Attachments = d.Random.Bool(0.12f)
                ? [new FileAttachment { FileName = $"{d.Random.ArrayElement(["spec", "notes", "screenshot", "estimate"])}-v{d.Random.Int(1, 4)}.pdf", Size = d.Random.Int(40_000, 4_000_000), ContentType = "application/pdf" }]
                : [],
            CreatedAt = created,
        };
    }

    /// <summary>
    /// Spend follows progress. The project rows go in with zero counts: the tasks' insert triggers count them
    /// (see WorkDatabaseObjects), so setting them here would count every task twice. The progress used for spend
    /// is worked out by the triggers' rule, so it is the figure the project will show.
    /// </summary>
    private static void Summarize(DemoData d)
    {
        foreach (var project in d.Projects)
        {
            var tasks = d.Tasks.Where(t => t.ProjectId == project.Id).ToList();
            var progress = ProgressOf(tasks.Count(t => t.Status == WorkTaskStatus.Done), tasks.Count(t => t.Status != WorkTaskStatus.Cancelled));
            var spentShare = project.Status switch
            {
                ProjectStatus.Planning => 0.0,
                ProjectStatus.Completed => d.Random.Double(0.85, 1.1),
                _ => (progress / 100.0 * d.Random.Double(0.8, 1.2)) + 0.05,
            };
            project.ActualCost = (long)Math.Round(project.Budget!.Value * spentShare / 100) * 100;
        }
    }

    /// <summary>
    /// Each status column of the task board in due order, <see cref="BoardStep"/> apart, so a move has room to land
    /// between two cards without renumbering.
    /// </summary>
    private static void PlaceOnBoard(DemoData d)
    {
        foreach (var column in d.Tasks.GroupBy(t => t.Status))
        {
            var position = 0.0;
            foreach (var task in column.OrderBy(t => t.DueDate).ThenBy(t => t.Id)) task.BoardPosition = position += BoardStep;
        }
    }

    /// <summary>
    /// Whole percent of the non-cancelled tasks that are done, rounded half away from zero: the rule the database
    /// triggers keep projects.progress by.
    /// </summary>
    public static int ProgressOf(int completed, int total) =>
        total <= 0 ? 0 : (int)Math.Round(100m * completed / total, MidpointRounding.AwayFromZero);

    private static string ShortName(string company) => company.Split([' ', ',', '-'], StringSplitOptions.RemoveEmptyEntries)[0];
}
