using System.Globalization;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Invoices;
using Npgsql;
using NpgsqlTypes;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// Generates and writes bench rows, one table at a time, in column order. Each table draws from its own seeded
/// <see cref="Random"/>, so the content is the same on every run; ids are time-ordered v7 uuids (friendly to the
/// indexes). Rows refer to each other coherently: contacts and invoices to customers, tasks to projects, a task's
/// status follows its project's, completed_at is set exactly when a task is done.
/// Enum values are written as their PostgreSQL labels with <see cref="NpgsqlDbType.Unknown"/>, which lets the
/// server parse them into the column's enum type; jsonb as text with <see cref="NpgsqlDbType.Jsonb"/>.
/// </summary>
internal sealed class BenchRows
{
    private static readonly string[] Stages = ["new", "contacted", "qualified", "proposal", "negotiation", "won", "lost"];
    private static readonly string[] CustomerStatuses = ["active", "active", "active", "lead", "inactive", "churned"];
    private static readonly string[] ProjectStatuses = ["in_progress", "in_progress", "in_progress", "planning", "completed", "completed", "on_hold", "cancelled"];
    private static readonly string[] Priorities = ["low", "medium", "medium", "high", "high", "urgent"];
    private static readonly string[] InvoiceStatuses = ["paid", "paid", "paid", "sent", "sent", "overdue", "draft", "cancelled"];
    private static readonly string[] WeekDays = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
    private static readonly string[] ResourceTypes = ["customer", "project", "invoice"];
    private static readonly string[] Actions = ["create", "update", "update", "update", "delete"];
    private static readonly string[] InternalTags = ["internal"];
    private static readonly string[] ClientTags = ["client"];
    private static readonly string[] RecurringTags = ["recurring"];

    private readonly Guid _workspaceId;
    private readonly IReadOnlyList<BenchSeeder.Person> _people;
    private readonly DateTime _now;
    private readonly BenchPools _pools;
    private readonly Random _customerRandom, _contactRandom, _prospectRandom, _projectRandom, _taskRandom, _eventRandom, _invoiceRandom, _auditRandom;
    private readonly int[] _stagePositions = new int[Stages.Length];
    private readonly string[] _attendees;
    private readonly string[] _auditChanges;

    public BenchRows(Guid workspaceId, IReadOnlyList<BenchSeeder.Person> people, DateTime now, BenchCounts counts, int seed)
    {
        _workspaceId = workspaceId;
        _people = people;
        _now = now;
        _pools = new BenchPools(seed);
        _customerRandom = new Random(seed + 1);
        _contactRandom = new Random(seed + 2);
        _prospectRandom = new Random(seed + 3);
        _projectRandom = new Random(seed + 4);
        _taskRandom = new Random(seed + 5);
        _eventRandom = new Random(seed + 6);
        _invoiceRandom = new Random(seed + 7);
        _auditRandom = new Random(seed + 8);

        // Referenced rows get their ids up front, so later tables can point at them.
        CustomerIds = [.. Enumerable.Range(0, counts.Customers).Select(_ => Guid.CreateVersion7())];
        ProjectIds = [.. Enumerable.Range(0, counts.Projects).Select(_ => Guid.CreateVersion7())];
        InvoiceIds = [.. Enumerable.Range(0, counts.Invoices).Select(_ => Guid.CreateVersion7())];
        var statusRandom = new Random(seed + 9);
        _projectStatus = [.. ProjectIds.Select(_ => ProjectStatuses[statusRandom.Next(ProjectStatuses.Length)])];
        _projectCustomer = [.. ProjectIds.Select((_, i) => CustomerIds.Length == 0 || i % 3 == 2 ? (Guid?)null : CustomerIds[i % CustomerIds.Length])];

        _attendees = [.. Enumerable.Range(0, 16).Select(i => JsonbConversion.Serialize(people.Take(1 + (i % people.Count))
            .Select((p, j) => new Attendee { Email = p.Email, Name = p.Name, Status = j == 0 ? "accepted" : (i + j) % 3 == 0 ? "tentative" : "needs_action" }).ToList()))];
        _auditChanges =
        [
            Changes(("status", "Lead", "Active")), Changes(("status", "Planning", "InProgress")), Changes(("status", "Sent", "Paid"), ("amount_paid", "0", "125000")),
            Changes(("name", null, "New record")), Changes(("assigned_to", null, people[^1].Id.ToString())), Changes(("tags", "[]", "[\"priority\"]")),
        ];
    }

    public Guid[] CustomerIds { get; }
    public Guid[] ProjectIds { get; }
    public Guid[] InvoiceIds { get; }
    private readonly string[] _projectStatus;
    private readonly Guid?[] _projectCustomer;

    public static readonly string[] CustomerColumns =
        ["id", "workspace_id", "name", "email", "phone", "company", "website", "address", "status", "industry", "size", "revenue", "assigned_to", "tags", "custom_fields", "notes", "last_contacted_at", "created_at", "updated_at"];

    public async Task WriteCustomerAsync(NpgsqlBinaryImporter w, int i, CancellationToken ct)
    {
        var r = _customerRandom;
        var (name, domain) = Company(i);
        var created = DaysAgo(r, 5, 720);
        var contacted = created.AddDays(r.NextDouble() * (_now - created).TotalDays);
        await w.WriteAsync(CustomerIds[i], NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(_workspaceId, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(name, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync("hello@" + domain, NpgsqlDbType.Text, ct);
        await w.WriteAsync(Pick(r, _pools.Phones), NpgsqlDbType.Text, ct);
        await w.WriteAsync(name, NpgsqlDbType.Text, ct);
        await w.WriteAsync("https://www." + domain, NpgsqlDbType.Text, ct);
        await w.WriteAsync(Pick(r, _pools.Addresses), NpgsqlDbType.Jsonb, ct);
        await w.WriteAsync(Pick(r, CustomerStatuses), NpgsqlDbType.Unknown, ct);
        await w.WriteAsync(Pick(r, BenchPools.Industries), NpgsqlDbType.Text, ct);
        await w.WriteAsync(Pick(r, BenchPools.Sizes), NpgsqlDbType.Text, ct);
        await w.WriteAsync(r.NextInt64(300, 2_500_000) * 1000 * 100, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(Assignee(r), NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(Pick(r, BenchPools.Tags), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await w.WriteAsync(Pick(r, BenchPools.CustomFields), NpgsqlDbType.Jsonb, ct);
        await w.WriteAsync(Pick(r, _pools.Phrases), NpgsqlDbType.Text, ct);
        await w.WriteAsync(contacted, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(contacted, NpgsqlDbType.TimestampTz, ct);
    }

    public static readonly string[] ContactColumns =
        ["id", "workspace_id", "first_name", "last_name", "email", "phone", "title", "company", "customer_id", "assigned_to", "tags", "custom_fields", "last_contacted_at", "created_at", "updated_at"];

    public async Task WriteContactAsync(NpgsqlBinaryImporter w, int i, CancellationToken ct)
    {
        var r = _contactRandom;
        var first = r.Next(_pools.FirstNames.Length);
        var last = r.Next(_pools.LastNames.Length);
        // Nine in ten contacts work at a customer; the rest are loose contacts.
        var customer = CustomerIds.Length > 0 && r.Next(10) != 0 ? r.Next(CustomerIds.Length) : -1;
        var (company, domain) = customer >= 0 ? Company(customer) : Company(CustomerIds.Length + r.Next(_pools.Companies.Length));
        var created = DaysAgo(r, 1, 700);
        await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(_workspaceId, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(_pools.FirstNames[first], NpgsqlDbType.Text, ct);
        await w.WriteAsync(_pools.LastNames[last], NpgsqlDbType.Text, ct);
        await w.WriteAsync(Email(first, last, i, domain), NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(Pick(r, _pools.Phones), NpgsqlDbType.Text, ct);
        await w.WriteAsync(Pick(r, BenchPools.Titles), NpgsqlDbType.Text, ct);
        await w.WriteAsync(company, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(w, customer >= 0 ? CustomerIds[customer] : null, ct);
        await w.WriteAsync(Assignee(r), NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(Pick(r, BenchPools.Tags), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await w.WriteAsync("{}", NpgsqlDbType.Jsonb, ct);
        await w.WriteAsync(created.AddDays(r.NextDouble() * (_now - created).TotalDays), NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
    }

    public static readonly string[] ProspectColumns =
    [
        "id", "workspace_id", "name", "email", "phone", "company", "title", "stage", "position", "score", "estimated_value", "assigned_to", "source",
        "last_contacted_at", "next_follow_up_at", "interaction_count", "tags", "notes", "custom_fields", "converted_to_customer", "customer_id", "created_at", "updated_at",
    ];

    public async Task WriteProspectAsync(NpgsqlBinaryImporter w, int i, CancellationToken ct)
    {
        var r = _prospectRandom;
        var stage = r.Next(Stages.Length);
        var open = stage < 5;
        var first = r.Next(_pools.FirstNames.Length);
        var last = r.Next(_pools.LastNames.Length);
        var converted = stage == 5 && CustomerIds.Length > 0 && r.Next(10) < 6;
        var customer = converted ? r.Next(CustomerIds.Length) : -1;
        var (company, domain) = converted ? Company(customer) : Company(CustomerIds.Length + r.Next(_pools.Companies.Length));
        var created = DaysAgo(r, 0.1, 365);
        var contacted = stage == 0 ? (DateTime?)null : created.AddDays(r.NextDouble() * (_now - created).TotalDays);
        await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(_workspaceId, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(_pools.FirstNames[first] + " " + _pools.LastNames[last], NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(Email(first, last, i, domain), NpgsqlDbType.Text, ct);
        await w.WriteAsync(Pick(r, _pools.Phones), NpgsqlDbType.Text, ct);
        await w.WriteAsync(company, NpgsqlDbType.Text, ct);
        await w.WriteAsync(Pick(r, BenchPools.Titles), NpgsqlDbType.Text, ct);
        await w.WriteAsync(Stages[stage], NpgsqlDbType.Unknown, ct);
        await w.WriteAsync(++_stagePositions[stage] * 1000.0, NpgsqlDbType.Double, ct);
        await w.WriteAsync(Math.Clamp((stage * 12) + r.Next(0, 40) - (stage == 6 ? 60 : 0), 0, 100), NpgsqlDbType.Integer, ct);
        await w.WriteAsync(r.Next(6, 360) * 500L * 100, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(Assignee(r), NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(Pick(r, BenchPools.Sources), NpgsqlDbType.Text, ct);
        await WriteNullableAsync(w, contacted, ct);
        await WriteNullableAsync(w, open ? _now.AddHours(r.Next(-10 * 24, 21 * 24)) : null, ct);
        await w.WriteAsync(contacted is null ? 0 : 1 + r.Next(stage * 3 + 1), NpgsqlDbType.Integer, ct);
        await w.WriteAsync(Pick(r, BenchPools.Tags), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await w.WriteAsync(Pick(r, _pools.Phrases), NpgsqlDbType.Text, ct);
        await w.WriteAsync(Pick(r, BenchPools.CustomFields), NpgsqlDbType.Jsonb, ct);
        await w.WriteAsync(converted, NpgsqlDbType.Boolean, ct);
        await WriteNullableAsync(w, converted ? CustomerIds[customer] : null, ct);
        await w.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(contacted ?? created, NpgsqlDbType.TimestampTz, ct);
    }

    public static readonly string[] ProjectColumns =
    [
        "id", "workspace_id", "name", "description", "status", "customer_id", "manager_id", "start_date", "end_date", "budget", "actual_cost",
        "progress", "completed_tasks", "total_tasks", "tags", "custom_fields", "created_at", "updated_at",
    ];

    /// <summary>Counts and progress start at zero; the tasks' insert triggers count them as the tasks go in.</summary>
    public async Task WriteProjectAsync(NpgsqlBinaryImporter w, int i, CancellationToken ct)
    {
        var r = _projectRandom;
        var status = _projectStatus[i];
        var start = status switch
        {
            "planning" => _now.AddDays(r.Next(3, 30)),
            "completed" or "cancelled" => _now.AddDays(-r.Next(90, 300)),
            _ => _now.AddDays(-r.Next(10, 90)),
        };
        var budget = r.Next(15, 250) * 1000L * 100;
        var customer = _projectCustomer[i];
        await w.WriteAsync(ProjectIds[i], NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(_workspaceId, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync($"{Pick(r, BenchPools.TaskObjects)} rollout #{i + 1}", NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(Pick(r, _pools.Phrases), NpgsqlDbType.Text, ct);
        await w.WriteAsync(status, NpgsqlDbType.Unknown, ct);
        await WriteNullableAsync(w, customer, ct);
        await w.WriteAsync(Assignee(r), NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(start, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(start.AddDays(r.Next(30, 120)), NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(budget, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(status == "planning" ? 0L : budget * r.Next(10, 110) / 100, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(0, NpgsqlDbType.Integer, ct);
        await w.WriteAsync(0, NpgsqlDbType.Integer, ct);
        await w.WriteAsync(0, NpgsqlDbType.Integer, ct);
        await w.WriteAsync(customer is null ? InternalTags : ClientTags, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await w.WriteAsync("{}", NpgsqlDbType.Jsonb, ct);
        var created = start.AddDays(-r.Next(7, 21));
        if (created > _now) created = _now.AddDays(-1);
        await w.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
    }

    public static readonly string[] TaskColumns =
    [
        "id", "workspace_id", "title", "status", "priority", "assigned_to", "created_by", "project_id", "customer_id", "due_date", "start_date",
        "completed_at", "tags", "attachments", "created_at", "updated_at", "board_position",
    ];

    public async Task WriteTaskAsync(NpgsqlBinaryImporter w, int i, CancellationToken ct)
    {
        var r = _taskRandom;
        // Nine in ten tasks belong to a project; their state follows the project's.
        var project = ProjectIds.Length > 0 && r.Next(10) != 0 ? r.Next(ProjectIds.Length) : -1;
        var roll = r.Next(100);
        var status = (project >= 0 ? _projectStatus[project] : "in_progress") switch
        {
            "completed" => "done",
            "planning" => roll < 90 ? "todo" : "in_progress",
            "cancelled" => roll < 30 ? "done" : "cancelled",
            _ => roll < 40 ? "done" : roll < 65 ? "in_progress" : roll < 95 ? "todo" : "cancelled",
        };
        var due = _now.AddHours(r.Next(-30 * 24, 60 * 24));
        var created = due.AddDays(-r.Next(3, 40));
        if (created > _now) created = _now.AddHours(-r.Next(1, 72));
        DateTime? started = status is "done" or "in_progress" ? created.AddHours(r.Next(1, 48)) : null;
        if (started > _now) started = _now;
        DateTime? completed = null;
        if (status == "done")
        {
            var finished = due.AddHours(-r.Next(0, 96));
            completed = finished > _now ? _now.AddMinutes(-r.Next(1, 600)) : finished < started ? started : finished;
        }

        await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(_workspaceId, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(Pick(r, BenchPools.TaskVerbs) + " " + Pick(r, BenchPools.TaskObjects), NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(status, NpgsqlDbType.Unknown, ct);
        await w.WriteAsync(Pick(r, Priorities), NpgsqlDbType.Unknown, ct);
        await WriteNullableAsync(w, status == "todo" && r.Next(10) == 0 ? null : Assignee(r), ct);
        await w.WriteAsync(Assignee(r), NpgsqlDbType.Uuid, ct);
        await WriteNullableAsync(w, project >= 0 ? ProjectIds[project] : null, ct);
        await WriteNullableAsync(w, project >= 0 ? _projectCustomer[project] : null, ct);
        await w.WriteAsync(due, NpgsqlDbType.TimestampTz, ct);
        await WriteNullableAsync(w, started, ct);
        await WriteNullableAsync(w, completed, ct);
        await w.WriteAsync(Pick(r, BenchPools.Tags), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await w.WriteAsync(BenchPools.EmptyArray, NpgsqlDbType.Jsonb, ct);
        await w.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(completed ?? started ?? created, NpgsqlDbType.TimestampTz, ct);
        // Distinct and increasing within every board column, with room between cards for a move to land.
        await w.WriteAsync((i + 1) * 1024.0, NpgsqlDbType.Double, ct);
    }

    public static readonly string[] CalendarEventColumns =
    [
        "id", "workspace_id", "title", "start_time", "end_time", "timezone", "is_all_day", "is_recurring", "recurrence_rule", "created_by",
        "attendees", "customer_id", "project_id", "tags", "reminders", "created_at", "updated_at", "occurs_until",
    ];

    /// <summary>One event in 25 is a recurring series (2,000 of 50,000): weekly on its start's weekday, some daily for two months, some monthly.</summary>
    public const int RecurringEvery = 25;

    public async Task WriteCalendarEventAsync(NpgsqlBinaryImporter w, int i, CancellationToken ct)
    {
        var r = _eventRandom;
        var recurring = i % RecurringEvery == 0;
        // Singles spread over a year either side of today; series started within the last two years.
        var day = _now.Date.AddDays(recurring ? -r.Next(0, 730) : r.Next(-365, 365));
        var start = day.AddHours(14 + r.Next(0, 8)).AddMinutes(30 * r.Next(2));
        var kind = recurring ? r.Next(10) : -1;
        var rule = kind switch
        {
            < 0 => null,
            < 7 => "FREQ=WEEKLY;BYDAY=" + WeekDays[(int)start.DayOfWeek],
            < 8 => "FREQ=DAILY;UNTIL=" + start.AddDays(60).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            _ => "FREQ=MONTHLY;BYMONTHDAY=" + start.Day.ToString(CultureInfo.InvariantCulture),
        };
        var duration = TimeSpan.FromMinutes(30 * (1 + r.Next(3)));
        var customer = CustomerIds.Length > 0 && r.Next(2) == 0 ? CustomerIds[r.Next(CustomerIds.Length)] : (Guid?)null;
        var created = start.AddDays(-r.Next(1, 30));
        if (created > _now) created = _now.AddHours(-r.Next(1, 72));
        await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(_workspaceId, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(Pick(r, BenchPools.EventTitles) + " #" + (i + 1).ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(start, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(start + duration, NpgsqlDbType.TimestampTz, ct);
        // Times are placed in UTC, so the event's zone says UTC and a weekly RRULE names the start's own weekday.
        await w.WriteAsync("UTC", NpgsqlDbType.Text, ct);
        await w.WriteAsync(false, NpgsqlDbType.Boolean, ct);
        await w.WriteAsync(recurring, NpgsqlDbType.Boolean, ct);
        await WriteNullableAsync(w, rule, ct);
        await w.WriteAsync(Assignee(r), NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(Pick(r, _attendees), NpgsqlDbType.Jsonb, ct);
        await WriteNullableAsync(w, customer, ct);
        await WriteNullableAsync(w, ProjectIds.Length > 0 && customer is null && r.Next(3) == 0 ? ProjectIds[r.Next(ProjectIds.Length)] : null, ct);
        await w.WriteAsync(recurring ? RecurringTags : [], NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await w.WriteAsync(Pick(r, BenchPools.Reminders), NpgsqlDbType.Jsonb, ct);
        await w.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
        // What the calendar service keeps: a single event's end, the last occurrence's end of a bounded series, null for an endless one.
        await WriteNullableAsync(w, kind switch { < 0 => start + duration, 7 => start.AddDays(60) + duration, _ => (DateTime?)null }, ct);
    }

    public static readonly string[] InvoiceColumns =
    [
        "id", "workspace_id", "invoice_number", "status", "customer_id", "subtotal", "tax", "total", "amount_paid", "currency", "items",
        "issue_date", "due_date", "paid_at", "terms", "created_at", "updated_at", "number_sequence", "sent_at", "cancelled_at",
    ];

    /// <summary>The seeded invoices' number format (no year), which the seeded settings row continues.</summary>
    public const string InvoicePrefix = "INV-";
    public const int InvoicePadding = 6;

    /// <summary>Sequence numbers given so far to seeded (sent) invoices; the settings row continues from here.</summary>
    public int InvoicesNumbered { get; private set; }

    /// <summary>
    /// Invoice i bills customer i modulo the customers; sent ones are numbered in index order (INV-000001...), drafts carry
    /// a placeholder like the app's; amounts agree to the cent.
    /// </summary>
    public async Task WriteInvoiceAsync(NpgsqlBinaryImporter w, int i, CancellationToken ct)
    {
        var r = _invoiceRandom;
        var status = Pick(r, InvoiceStatuses);
        var rate = r.Next(3) switch { 0 => 0m, 1 => 6.25m, _ => 8.25m };
        var items = Enumerable.Range(0, 1 + r.Next(3)).Select(_ => new InvoiceLineItem
        {
            Description = Pick(r, BenchPools.TaskObjects),
            Quantity = r.Next(2, 80) / 2m,
            UnitPriceCents = r.Next(50, 500) * 100L,
            TaxRatePercent = rate,
        }).ToList();
        var (subtotal, tax, total) = InvoiceMath.Apply(items);
        DateTime? issued = status switch
        {
            "draft" => _now.Date.AddDays(-r.Next(0, 10)),
            "sent" => _now.AddDays(-r.Next(1, 25)),
            "overdue" => _now.AddDays(-r.Next(35, 90)),
            _ => _now.AddDays(-r.Next(30, 365)),
        };
        DateTime? paid = status == "paid" ? issued!.Value.AddDays(r.Next(1, 29)) : null;
        await w.WriteAsync(InvoiceIds[i], NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(_workspaceId, NpgsqlDbType.Uuid, ct);
        int? sequence = status == "draft" ? null : ++InvoicesNumbered;
        var number = sequence is { } n
            ? InvoiceNumbering.Format(InvoicePrefix, includeYear: false, InvoicePadding, n, DateOnly.FromDateTime(issued!.Value))
            : InvoiceNumbering.DraftPlaceholder(InvoiceIds[i]);
        await w.WriteAsync(number, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(status, NpgsqlDbType.Unknown, ct);
        await w.WriteAsync(CustomerIds[i % CustomerIds.Length], NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(subtotal, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(tax, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(total, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(status == "paid" ? total : 0L, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync("USD", NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(JsonbConversion.Serialize(items), NpgsqlDbType.Jsonb, ct);
        await WriteNullableAsync(w, issued, ct);
        await WriteNullableAsync(w, issued?.AddDays(30), ct);
        await WriteNullableAsync(w, paid, ct);
        await w.WriteAsync(DemoInvoices.Terms, NpgsqlDbType.Text, ct);
        var created = issued ?? _now.AddDays(-r.Next(0, 10));
        await w.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(paid ?? created, NpgsqlDbType.TimestampTz, ct);
        await WriteNullableAsync(w, sequence, ct);
        await WriteNullableAsync(w, sequence is null ? null : created, ct);
        await WriteNullableAsync(w, status == "cancelled" ? created.AddDays(3) : null, ct);
    }

    public static readonly string[] AuditLogColumns =
        ["id", "workspace_id", "user_id", "user_email", "ip_address", "action", "resource_type", "resource_id", "changes", "metadata", "created_at"];

    public async Task WriteAuditLogAsync(NpgsqlBinaryImporter w, int i, CancellationToken ct)
    {
        var r = _auditRandom;
        var person = _people[r.Next(_people.Count)];
        var type = Pick(r, ResourceTypes);
        Guid? resource = type switch
        {
            "customer" when CustomerIds.Length > 0 => CustomerIds[r.Next(CustomerIds.Length)],
            "project" when ProjectIds.Length > 0 => ProjectIds[r.Next(ProjectIds.Length)],
            "invoice" when InvoiceIds.Length > 0 => InvoiceIds[r.Next(InvoiceIds.Length)],
            _ => null,
        };
        await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(_workspaceId, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(person.Id, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(person.Email, NpgsqlDbType.Text, ct);
        await w.WriteAsync("198.51.100." + (1 + r.Next(250)).ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Text, ct);
        await w.WriteAsync(Pick(r, Actions), NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(type, NpgsqlDbType.Varchar, ct);
        await WriteNullableAsync(w, resource?.ToString(), ct);
        await w.WriteAsync(Pick(r, _auditChanges), NpgsqlDbType.Jsonb, ct);
        await w.WriteAsync("{\"source\":\"bench\"}", NpgsqlDbType.Jsonb, ct);
        await w.WriteAsync(DaysAgo(r, 0, 365), NpgsqlDbType.TimestampTz, ct);
    }

    private (string Name, string Domain) Company(int i)
    {
        var pool = _pools.Companies;
        var round = i / pool.Length;
        var baseDomain = _pools.Domains[i % pool.Length] is { Length: > 0 } d ? d : "company";
        return round == 0
            ? (pool[i], baseDomain + ".example")
            : (pool[i % pool.Length] + " " + (round + 1).ToString(CultureInfo.InvariantCulture), baseDomain + (round + 1).ToString(CultureInfo.InvariantCulture) + ".example");
    }

    /// <summary>Unique per row (the index), lower case, on a reserved domain.</summary>
    private string Email(int first, int last, int i, string domain) =>
        string.Concat(_pools.FirstSlugs[first], ".", _pools.LastSlugs[last], ".", i.ToString(CultureInfo.InvariantCulture), "@", domain);

    private Guid Assignee(Random r) => _people[r.Next(_people.Count)].Id;

    private DateTime DaysAgo(Random r, double min, double max) => _now.AddDays(-(min + (r.NextDouble() * (max - min))));

    private static T Pick<T>(Random r, T[] pool) => pool[r.Next(pool.Length)];

    private static Task WriteNullableAsync(NpgsqlBinaryImporter w, Guid? value, CancellationToken ct) =>
        value is { } v ? w.WriteAsync(v, NpgsqlDbType.Uuid, ct) : w.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter w, DateTime? value, CancellationToken ct) =>
        value is { } v ? w.WriteAsync(v, NpgsqlDbType.TimestampTz, ct) : w.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter w, int? value, CancellationToken ct) =>
        value is { } v ? w.WriteAsync(v, NpgsqlDbType.Integer, ct) : w.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter w, string? value, CancellationToken ct) =>
        value is not null ? w.WriteAsync(value, NpgsqlDbType.Text, ct) : w.WriteNullAsync(ct);

    private static string Changes(params (string Field, string? Before, string? After)[] fields) =>
        JsonbConversion.Serialize(fields.ToDictionary(f => f.Field, f => new FieldChange { Before = f.Before, After = f.After }));
}
