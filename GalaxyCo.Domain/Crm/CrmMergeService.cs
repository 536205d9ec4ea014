using System.Globalization;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// Merges a duplicate customer, contact or prospect into the one that stays, in one transaction: the survivor's empty
/// fields are filled from the duplicate (or the person's choices win), tags and custom fields are combined, every row
/// that pointed at the duplicate points at the survivor, a merge entry goes on the survivor's timeline (with any value
/// of the duplicate that was not kept), and the duplicate is deleted.
/// </summary>
public sealed class CrmMergeService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    /// <summary>The two records side by side, for choosing field by field.</summary>
    public async Task<Result<MergePreview>> PreviewAsync(CrmRecordType type, Guid survivorId, Guid duplicateId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<MergePreview>.From(Result.Forbidden("You can't see records in this workspace."));
        if (survivorId == duplicateId) return Result<MergePreview>.From(Result.Invalid("duplicateId", "Pick a different record to merge with."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var pair = await LoadAsync(db, type, survivorId, duplicateId, tracked: false, ct);
        if (pair is null) return Result<MergePreview>.From(Result.NotFound(CrmActivityService.Describe(type)));
        var people = await PeopleAsync(db, pair, ct);
        return pair.Preview(people);
    }

    /// <summary>
    /// Merges <paramref name="duplicateId"/> into <paramref name="survivorId"/> and deletes the duplicate. Needs both
    /// edit and delete permission. Stale versions in <paramref name="choices"/> answer Conflict and change nothing.
    /// </summary>
    public async Task<Result<MergeOutcome>> MergeAsync(CrmRecordType type, Guid survivorId, Guid duplicateId, MergeChoices? choices = null, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite) || !member.Can(Permissions.RecordsDelete))
            return Result<MergeOutcome>.From(Result.Forbidden("Merging needs permission to edit and to delete records in this workspace."));
        if (survivorId == duplicateId) return Result<MergeOutcome>.From(Result.Invalid("duplicateId", "A record can't be merged with itself."));
        choices ??= new MergeChoices();

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, type, survivorId, duplicateId, ct);
        var pair = await LoadAsync(db, type, survivorId, duplicateId, tracked: true, ct);
        if (pair is null) return Result<MergeOutcome>.From(Result.NotFound(CrmActivityService.Describe(type)));
        if ((choices.SurvivorVersion is { } sv && sv != pair.SurvivorVersion) || (choices.DuplicateVersion is { } dv && dv != pair.DuplicateVersion))
            return Result<MergeOutcome>.From(Result.Conflict("One of the two records changed in the meantime. Look at them again, then merge."));
        var take = new HashSet<string>(choices.TakeFromDuplicate ?? [], StringComparer.Ordinal);
        var unknown = take.FirstOrDefault(f => !pair.ChoosableFields.Contains(f));
        if (unknown is not null) return Result<MergeOutcome>.From(Result.Invalid("fields", $"\"{unknown}\" is not a field that can be chosen."));

        var people = await PeopleAsync(db, pair, ct);
        var dropped = pair.Apply(take, people);
        if (pair.StageChangedFrom is { } from && pair.Survivor is Prospect movedProspect)
        {
            movedProspect.Position = await ProspectBoardService.BottomPositionAsync(db, movedProspect.Stage, movedProspect.Id, ct);
            db.OutboxMessages.Add(ProspectEvents.StageChange(movedProspect, from, member.UserId));
        }
        var moved = await RepointAsync(db, type, survivorId, duplicateId, ct);

        var data = new Dictionary<string, string>
        {
            ["duplicateId"] = duplicateId.ToString(),
            ["duplicateName"] = pair.DuplicateName,
            ["movedRows"] = moved.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (field, value) in dropped) data[$"dropped.{field}"] = value;
        db.CrmActivities.Add(new CrmActivity
        {
            RecordType = type, RecordId = survivorId, Kind = CrmActivityKind.Merge, ActorId = member.UserId,
            Body = $"Merged {pair.DuplicateName} into this record.", Data = data, OccurredAt = clock.GetUtcNow().UtcDateTime,
        });
        db.Remove(pair.Duplicate);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new MergeOutcome(survivorId, moved);
    }

    /// <summary>Both rows locked in id order, so two merges of the same pair (either way round) queue instead of deadlocking.</summary>
    private static Task LockAsync(GalaxyDbContext db, CrmRecordType type, Guid a, Guid b, CancellationToken ct) => type switch
    {
        CrmRecordType.Customer => db.Database.ExecuteSqlAsync($"select 1 from customers where id in ({a}, {b}) order by id for update", ct),
        CrmRecordType.Contact => db.Database.ExecuteSqlAsync($"select 1 from contacts where id in ({a}, {b}) order by id for update", ct),
        _ => db.Database.ExecuteSqlAsync($"select 1 from prospects where id in ({a}, {b}) order by id for update", ct),
    };

    /// <summary>Every row that points at the duplicate now points at the survivor (foreign keys and timeline entries).</summary>
    private static async Task<int> RepointAsync(GalaxyDbContext db, CrmRecordType type, Guid survivorId, Guid duplicateId, CancellationToken ct)
    {
        var moved = await db.CrmActivities.Where(a => a.RecordType == type && a.RecordId == duplicateId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.RecordId, survivorId), ct);
        if (type != CrmRecordType.Customer) return moved;
        moved += await db.Contacts.Where(c => c.CustomerId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, survivorId), ct);
        moved += await db.Prospects.Where(p => p.CustomerId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(p => p.CustomerId, survivorId), ct);
        moved += await db.Projects.Where(p => p.CustomerId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(p => p.CustomerId, survivorId), ct);
        moved += await db.Invoices.Where(i => i.CustomerId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(i => i.CustomerId, survivorId), ct);
        moved += await db.Tasks.Where(t => t.CustomerId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(t => t.CustomerId, (Guid?)survivorId), ct);
        moved += await db.CalendarEvents.Where(e => e.CustomerId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(e => e.CustomerId, (Guid?)survivorId), ct);
        return moved;
    }

    /// <summary>Names to show for the people (owners) and customers the two records point at, by id.</summary>
    private static async Task<IReadOnlyDictionary<Guid, string>> PeopleAsync(GalaxyDbContext db, MergePair pair, CancellationToken ct)
    {
        var rows = await db.WorkspaceMembers.AsNoTracking().Select(m => new { m.UserId, m.User!.FirstName, m.User.LastName, m.User.Email }).ToListAsync(ct);
        var names = rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => MemberService.DisplayName(g.First().FirstName, g.First().LastName, g.First().Email));
        var customerIds = new[] { pair.Survivor, pair.Duplicate }
            .Select(r => r switch { Contact c => c.CustomerId, Prospect p => p.CustomerId, _ => null })
            .Where(id => id is not null).Select(id => id!.Value).ToList();
        if (customerIds.Count > 0)
        {
            foreach (var c in await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
                names[c.Id] = c.Name;
        }
        return names;
    }

    private static async Task<MergePair?> LoadAsync(GalaxyDbContext db, CrmRecordType type, Guid survivorId, Guid duplicateId, bool tracked, CancellationToken ct)
    {
        switch (type)
        {
            case CrmRecordType.Customer:
            {
                var q = tracked ? db.Customers : db.Customers.AsNoTracking();
                var rows = await q.Where(c => c.Id == survivorId || c.Id == duplicateId).ToListAsync(ct);
                return Pair(rows, r => r.Id, survivorId, duplicateId, (s, d) => new MergePair<Customer>(s, d, CustomerFields, c => c.Name, c => c.Version, MergeCustomer));
            }
            case CrmRecordType.Contact:
            {
                var q = tracked ? db.Contacts : db.Contacts.AsNoTracking();
                var rows = await q.Where(c => c.Id == survivorId || c.Id == duplicateId).ToListAsync(ct);
                return Pair(rows, r => r.Id, survivorId, duplicateId, (s, d) => new MergePair<Contact>(s, d, ContactFields, ContactName, c => c.Version, MergeContact));
            }
            case CrmRecordType.Prospect:
            {
                var q = tracked ? db.Prospects : db.Prospects.AsNoTracking();
                var rows = await q.Where(p => p.Id == survivorId || p.Id == duplicateId).ToListAsync(ct);
                return Pair(rows, r => r.Id, survivorId, duplicateId, (s, d) => new MergePair<Prospect>(s, d, ProspectFields, p => p.Name, p => p.Version, MergeProspect));
            }
            default:
                return null;
        }
    }

    private static MergePair? Pair<T>(List<T> rows, Func<T, Guid> id, Guid survivorId, Guid duplicateId, Func<T, T, MergePair> make)
    {
        var survivor = rows.FirstOrDefault(r => id(r) == survivorId);
        var duplicate = rows.FirstOrDefault(r => id(r) == duplicateId);
        return survivor is null || duplicate is null ? null : make(survivor, duplicate);
    }

    private static string ContactName(Contact c) => $"{c.FirstName} {c.LastName}".Trim() is { Length: > 0 } n ? n : c.Email;

    private static string? Money(long? cents) => cents is { } c ? (c / 100m).ToString("#,0.00", CultureInfo.InvariantCulture) : null;

    private static string? When(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string? Address(PostalAddress a) =>
        string.Join(", ", new[] { a.Street, a.City, a.State, a.Zip, a.Country }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } s ? s : null;

    private static readonly IReadOnlyList<FieldRule<Customer>> CustomerFields =
    [
        new("name", "Name", (c, _) => c.Name, (s, d) => s.Name = d.Name),
        new("email", "Email", (c, _) => c.Email, (s, d) => s.Email = d.Email),
        new("phone", "Phone", (c, _) => c.Phone, (s, d) => s.Phone = d.Phone),
        new("company", "Company", (c, _) => c.Company, (s, d) => s.Company = d.Company),
        new("website", "Website", (c, _) => c.Website, (s, d) => s.Website = d.Website),
        new("address", "Address", (c, _) => Address(c.Address), (s, d) => s.Address = new PostalAddress { Street = d.Address.Street, City = d.Address.City, State = d.Address.State, Zip = d.Address.Zip, Country = d.Address.Country }),
        new("status", "Status", (c, _) => c.Status.ToString(), (s, d) => s.Status = d.Status),
        new("industry", "Industry", (c, _) => c.Industry, (s, d) => s.Industry = d.Industry),
        new("size", "Size", (c, _) => c.Size, (s, d) => s.Size = d.Size),
        new("revenue", "Annual revenue", (c, _) => Money(c.Revenue), (s, d) => s.Revenue = d.Revenue),
        new("assignedTo", "Owner", (c, p) => Person(c.AssignedTo, p), (s, d) => s.AssignedTo = d.AssignedTo),
        new("notes", "Notes", (c, _) => c.Notes, (s, d) => s.Notes = d.Notes),
    ];

    private static readonly IReadOnlyList<FieldRule<Contact>> ContactFields =
    [
        new("firstName", "First name", (c, _) => c.FirstName, (s, d) => s.FirstName = d.FirstName),
        new("lastName", "Last name", (c, _) => c.LastName, (s, d) => s.LastName = d.LastName),
        new("email", "Email", (c, _) => c.Email, (s, d) => s.Email = d.Email),
        new("phone", "Phone", (c, _) => c.Phone, (s, d) => s.Phone = d.Phone),
        new("title", "Title", (c, _) => c.Title, (s, d) => s.Title = d.Title),
        new("company", "Company", (c, _) => c.Company, (s, d) => s.Company = d.Company),
        new("linkedinUrl", "LinkedIn", (c, _) => c.LinkedinUrl, (s, d) => s.LinkedinUrl = d.LinkedinUrl),
        new("twitterUrl", "Twitter", (c, _) => c.TwitterUrl, (s, d) => s.TwitterUrl = d.TwitterUrl),
        new("customerId", "Customer", (c, p) => Person(c.CustomerId, p), (s, d) => s.CustomerId = d.CustomerId),
        new("assignedTo", "Owner", (c, p) => Person(c.AssignedTo, p), (s, d) => s.AssignedTo = d.AssignedTo),
        new("notes", "Notes", (c, _) => c.Notes, (s, d) => s.Notes = d.Notes),
    ];

    private static readonly IReadOnlyList<FieldRule<Prospect>> ProspectFields =
    [
        new("name", "Name", (c, _) => c.Name, (s, d) => s.Name = d.Name),
        new("email", "Email", (c, _) => c.Email, (s, d) => s.Email = d.Email),
        new("phone", "Phone", (c, _) => c.Phone, (s, d) => s.Phone = d.Phone),
        new("company", "Company", (c, _) => c.Company, (s, d) => s.Company = d.Company),
        new("title", "Title", (c, _) => c.Title, (s, d) => s.Title = d.Title),
        new("linkedinUrl", "LinkedIn", (c, _) => c.LinkedinUrl, (s, d) => s.LinkedinUrl = d.LinkedinUrl),
        new("stage", "Stage", (c, _) => c.Stage.ToString(), (s, d) => s.Stage = d.Stage),
        new("score", "Score", (c, _) => c.Score?.ToString(CultureInfo.InvariantCulture), (s, d) => s.Score = d.Score),
        new("estimatedValue", "Estimated value", (c, _) => Money(c.EstimatedValue), (s, d) => s.EstimatedValue = d.EstimatedValue),
        new("assignedTo", "Owner", (c, p) => Person(c.AssignedTo, p), (s, d) => s.AssignedTo = d.AssignedTo),
        new("source", "Source", (c, _) => c.Source, (s, d) => s.Source = d.Source),
        new("nextFollowUpAt", "Next follow-up", (c, _) => When(c.NextFollowUpAt), (s, d) => s.NextFollowUpAt = d.NextFollowUpAt),
        new("customerId", "Customer", (c, p) => Person(c.CustomerId, p), (s, d) => (s.CustomerId, s.ConvertedToCustomer) = (d.CustomerId, d.ConvertedToCustomer)),
        new("notes", "Notes", (c, _) => c.Notes, (s, d) => s.Notes = d.Notes),
    ];

    private static string? Person(Guid? id, IReadOnlyDictionary<Guid, string> people) =>
        id is { } v ? people.GetValueOrDefault(v, "former member") : null;

    /// <summary>What is combined rather than chosen; returns the values of the duplicate that did not fit.</summary>
    private static IEnumerable<(string, string)> MergeCustomer(Customer s, Customer d)
    {
        s.LastContactedAt = Later(s.LastContactedAt, d.LastContactedAt);
        return Combine(s.Tags, d.Tags, t => s.Tags = t, s.CustomFields, d.CustomFields, f => s.CustomFields = f);
    }

    private static IEnumerable<(string, string)> MergeContact(Contact s, Contact d)
    {
        s.LastContactedAt = Later(s.LastContactedAt, d.LastContactedAt);
        return Combine(s.Tags, d.Tags, t => s.Tags = t, s.CustomFields, d.CustomFields, f => s.CustomFields = f);
    }

    private static IEnumerable<(string, string)> MergeProspect(Prospect s, Prospect d)
    {
        s.LastContactedAt = Later(s.LastContactedAt, d.LastContactedAt);
        s.InteractionCount += d.InteractionCount;
        return Combine(s.Tags, d.Tags, t => s.Tags = t, s.CustomFields, d.CustomFields, f => s.CustomFields = f);
    }

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static List<(string, string)> Combine(
        List<string> survivorTags, List<string> duplicateTags, Action<List<string>> setTags,
        Dictionary<string, string> survivorFields, Dictionary<string, string> duplicateFields, Action<Dictionary<string, string>> setFields)
    {
        var dropped = new List<(string, string)>();
        var tags = survivorTags.Concat(duplicateTags).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count > CrmInputCheck.MaxTags) dropped.Add(("tags", string.Join(", ", tags.Skip(CrmInputCheck.MaxTags))));
        setTags(tags.Take(CrmInputCheck.MaxTags).ToList());

        var fields = new Dictionary<string, string>(survivorFields, StringComparer.Ordinal);
        foreach (var (key, value) in duplicateFields)
        {
            if (!fields.TryGetValue(key, out var existing) || existing.Length == 0)
            {
                if (fields.Count < CrmInputCheck.MaxCustomFields || fields.ContainsKey(key)) fields[key] = value;
                else dropped.Add(($"customFields.{key}", value));
            }
            else if (!string.Equals(existing, value, StringComparison.Ordinal) && value.Length > 0)
            {
                dropped.Add(($"customFields.{key}", value));
            }
        }
        setFields(fields);
        return dropped;
    }

    /// <summary>A field that takes one record's value or the other's.</summary>
    private sealed record FieldRule<T>(string Name, string Label, Func<T, IReadOnlyDictionary<Guid, string>, string?> Show, Action<T, T> Copy);

    private abstract class MergePair
    {
        public abstract object Survivor { get; }
        public abstract object Duplicate { get; }
        public abstract uint SurvivorVersion { get; }
        public abstract uint DuplicateVersion { get; }
        public abstract string DuplicateName { get; }
        public abstract IReadOnlySet<string> ChoosableFields { get; }
        public ProspectStage? StageChangedFrom { get; protected set; }
        public abstract MergePreview Preview(IReadOnlyDictionary<Guid, string> people);

        /// <summary>Copies the chosen (or filling) values onto the survivor and combines the rest; returns what of the duplicate was not kept.</summary>
        public abstract IReadOnlyList<(string Field, string Value)> Apply(IReadOnlySet<string> takeFromDuplicate, IReadOnlyDictionary<Guid, string> people);
    }

    private sealed class MergePair<T>(
        T survivor, T duplicate, IReadOnlyList<FieldRule<T>> rules, Func<T, string> name, Func<T, uint> version,
        Func<T, T, IEnumerable<(string, string)>> combine) : MergePair where T : class
    {
        public override object Survivor => survivor;
        public override object Duplicate => duplicate;
        public override uint SurvivorVersion => version(survivor);
        public override uint DuplicateVersion => version(duplicate);
        public override string DuplicateName => name(duplicate);
        public override IReadOnlySet<string> ChoosableFields { get; } = rules.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        public override MergePreview Preview(IReadOnlyDictionary<Guid, string> people)
        {
            var fields = rules.Select(r => new MergeField(r.Name, r.Label, r.Show(survivor, people), r.Show(duplicate, people), true)).ToList();
            fields.Add(new MergeField("tags", "Tags", Tags(survivor), Tags(duplicate), false));
            fields.Add(new MergeField("customFields", "Custom fields", Custom(survivor), Custom(duplicate), false));
            var type = survivor switch { Customer => CrmRecordType.Customer, Contact => CrmRecordType.Contact, _ => CrmRecordType.Prospect };
            return new MergePreview(type, Id(survivor), name(survivor), version(survivor), Id(duplicate), name(duplicate), version(duplicate), fields);
        }

        public override IReadOnlyList<(string Field, string Value)> Apply(IReadOnlySet<string> takeFromDuplicate, IReadOnlyDictionary<Guid, string> people)
        {
            var dropped = new List<(string, string)>();
            var stageBefore = (survivor as Prospect)?.Stage;
            foreach (var rule in rules)
            {
                var mine = rule.Show(survivor, people);
                var theirs = rule.Show(duplicate, people);
                if (takeFromDuplicate.Contains(rule.Name) || (string.IsNullOrEmpty(mine) && !string.IsNullOrEmpty(theirs)))
                {
                    rule.Copy(survivor, duplicate);
                    if (!string.IsNullOrEmpty(mine) && !string.Equals(mine, theirs, StringComparison.Ordinal)) dropped.Add((rule.Name, mine));
                }
                else if (!string.IsNullOrEmpty(theirs) && !string.Equals(mine, theirs, StringComparison.Ordinal))
                {
                    dropped.Add((rule.Name, theirs));
                }
            }
            if (survivor is Prospect p && stageBefore is { } before && p.Stage != before) StageChangedFrom = before;
            dropped.AddRange(combine(survivor, duplicate));
            return dropped;
        }

        private static Guid Id(T row) => row switch { Customer c => c.Id, Contact c => c.Id, Prospect p => p.Id, _ => Guid.Empty };

        private static string? Tags(T row) => (row switch { Customer c => c.Tags, Contact c => c.Tags, Prospect p => p.Tags, _ => [] }) is { Count: > 0 } t ? string.Join(", ", t) : null;

        private static string? Custom(T row) =>
            (row switch { Customer c => c.CustomFields, Contact c => c.CustomFields, Prospect p => p.CustomFields, _ => [] }) is { Count: > 0 } f
                ? string.Join("; ", f.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key}: {x.Value}"))
                : null;
    }
}
